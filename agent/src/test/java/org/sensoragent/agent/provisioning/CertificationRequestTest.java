package org.sensoragent.agent.provisioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PKCS#10 request field by field, and as openssl reads, verifies and signs it. */
class CertificationRequestTest {

  @TempDir Path dir;

  @Test
  void fieldsAreThoseOfRfc2986() throws Exception {
    KeyPair pair = p256();

    Der.Element request = Der.read(CertificationRequest.der("meeting-room-1", pair.getPublic(), pair.getPrivate()));

    List<Der.Element> outer = request.children();
    assertEquals(3, outer.size(), "info, signature algorithm, signature");
    Der.Element info = outer.get(0);
    List<Der.Element> fields = info.children();
    assertEquals(4, fields.size(), "version, subject, public key, attributes");
    assertHex("02 01 00", fields.get(0)); // version 0
    // Name SEQUENCE (25 bytes) { RDN SET (23) { SEQUENCE (21) { OID 2.5.4.3 commonName, UTF8String (14) "meeting-room-1" } } }
    assertHex("30 19 31 17 30 15 06 03 55 04 03 0C 0E " + hex("meeting-room-1".getBytes()), fields.get(1));
    assertArrayEquals(pair.getPublic().getEncoded(), encoding(fields.get(2)), "SubjectPublicKeyInfo as the JDK encodes it");
    assertHex("A0 00", fields.get(3)); // [0] IMPLICIT SET OF Attribute, empty
    // SEQUENCE { OID 1.2.840.10045.4.3.2 (ecdsa-with-SHA256) }, no parameters
    assertHex("30 0A 06 08 2A 86 48 CE 3D 04 03 02", outer.get(1));

    byte[] bits = outer.get(2).content();
    assertEquals(Der.BIT_STRING, outer.get(2).tag());
    assertEquals(0, bits[0], "no unused bits");
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(pair.getPublic());
    verifier.update(encoding(info));
    assertTrue(verifier.verify(java.util.Arrays.copyOfRange(bits, 1, bits.length)), "signed over the DER of the info");
  }

  @Test
  void opensslVerifiesTheRequestAndItsCaSignsIt() throws Exception {
    KeyPair pair = p256();
    Path csr = Files.writeString(dir.resolve("device.csr"),
        Pem.encode("CERTIFICATE REQUEST", CertificationRequest.der("meeting-room-1", pair.getPublic(), pair.getPrivate())));

    Openssl.run(dir, "req", "-in", csr.toString(), "-noout", "-verify");
    assertEquals("subject=CN = meeting-room-1", Openssl.run(dir, "req", "-in", csr.toString(), "-noout", "-subject").strip());

    Path ca = Openssl.ca(dir, "ca", 30);
    Path cert = Openssl.issue(csr, ca, 30, "clientAuth", dir.resolve("device.pem"));
    assertArrayEquals(pair.getPublic().getEncoded(), Pem.certificates(cert).get(0).getPublicKey().getEncoded());
    assertEquals("CN=meeting-room-1", Pem.certificates(cert).get(0).getSubjectX500Principal().getName());
  }

  private static KeyPair p256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static byte[] encoding(Der.Element element) {
    return Der.tlv(element.tag(), element.content());
  }

  private static void assertHex(String expected, Der.Element actual) {
    assertEquals(expected.replace(" ", "").toLowerCase(), hex(encoding(actual)));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
