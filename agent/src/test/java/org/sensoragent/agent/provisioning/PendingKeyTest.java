package org.sensoragent.agent.provisioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSR mode's device-made key and request, checked by the openssl CLI as the operator's CA would. */
class PendingKeyTest {

  private static final String DEVICE = "meeting-room-1";

  @TempDir Path dir;

  @Test
  void aFirstRequestMakesAKeyAndACsrThatOpensslVerifiesAndACaSigns() throws Exception {
    PendingKey pending = new PendingKey(dir.resolve("provisioning"));

    Path csr = Files.writeString(dir.resolve("device.csr"), pending.request(DEVICE));

    assertTrue(Files.readString(csr).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n"));
    Openssl.run(dir, "req", "-in", csr.toString(), "-noout", "-verify");
    assertEquals("subject=CN = " + DEVICE, Openssl.run(dir, "req", "-in", csr.toString(), "-noout", "-subject").strip());
    String structure = Openssl.run(dir, "asn1parse", "-in", csr.toString());
    assertTrue(structure.contains(":commonName") && structure.contains("UTF8STRING        :" + DEVICE), structure);
    assertTrue(structure.contains(":ecdsa-with-SHA256"), structure);

    Path key = pending.dirFor(DEVICE).resolve(Provisioning.DEVICE_KEY);
    assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
    assertTrue(Openssl.run(dir, "pkey", "-in", key.toString(), "-noout", "-text").contains("NIST CURVE: P-256"));
    assertEquals(publicKeyOfKey(key), publicKeyOfCsr(csr), "the CSR is for the pending key");

    Path ca = Openssl.ca(dir, "ca", 30);
    Path cert = Openssl.issue(csr, ca, 30, "clientAuth", dir.resolve("device.pem"));
    assertTrue(Pem.matches(Pem.privateKey(key), Pem.certificates(cert).get(0)));
  }

  @Test
  void aRepeatedRequestIsForTheSameKey() throws Exception {
    PendingKey pending = new PendingKey(dir.resolve("provisioning"));
    Path first = Files.writeString(dir.resolve("first.csr"), pending.request(DEVICE));
    Path key = pending.dirFor(DEVICE).resolve(Provisioning.DEVICE_KEY);
    String keyText = Files.readString(key);

    Path second = Files.writeString(dir.resolve("second.csr"), pending.request(DEVICE));

    Openssl.run(dir, "req", "-in", second.toString(), "-noout", "-verify");
    assertEquals(publicKeyOfCsr(first), publicKeyOfCsr(second));
    assertEquals(keyText, Files.readString(key), "the pending key is not rewritten");
  }

  @Test
  void aPendingKeyOpensslWroteIsUsedAsItIs() throws Exception {
    PendingKey pending = new PendingKey(dir.resolve("provisioning"));
    Path folder = Files.createDirectories(pending.dirFor(DEVICE));
    Path key = Openssl.ecKey(folder.resolve(Provisioning.DEVICE_KEY));

    Path csr = Files.writeString(dir.resolve("device.csr"), pending.request(DEVICE));

    Openssl.run(dir, "req", "-in", csr.toString(), "-noout", "-verify");
    assertEquals(publicKeyOfKey(key), publicKeyOfCsr(csr));
  }

  @Test
  void theRequestForAStoredKeyCarriesItsPublicKeyWhicheverRootYIs() throws Exception {
    // the public key of a stored key is derived: x by ECDH, y one of two roots; keys are made until both
    // roots (odd and even y) occurred, which 64 keys miss with a chance of 2^-63
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    Set<Boolean> yOdd = new HashSet<>();
    for (int i = 0; i < 4 || (yOdd.size() < 2 && i < 64); i++) {
      KeyPair pair = generator.generateKeyPair();
      PendingKey pending = new PendingKey(dir.resolve("provisioning-" + i));
      Path folder = Files.createDirectories(pending.dirFor(DEVICE));
      Files.writeString(folder.resolve(Provisioning.DEVICE_KEY), Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));

      String pem = pending.request(DEVICE);

      byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
      Der.Element publicKey = Der.read(der).child(0, Der.SEQUENCE).child(2, Der.SEQUENCE);
      assertArrayEquals(pair.getPublic().getEncoded(), Der.tlv(publicKey.tag(), publicKey.content()));
      yOdd.add(((ECPublicKey) pair.getPublic()).getW().getAffineY().testBit(0));
    }
    assertEquals(Set.of(true, false), yOdd, "keys with either root were tried");
  }

  private String publicKeyOfKey(Path key) throws IOException {
    return Openssl.run(dir, "pkey", "-in", key.toString(), "-pubout");
  }

  private String publicKeyOfCsr(Path csr) throws IOException {
    return Openssl.run(dir, "req", "-in", csr.toString(), "-noout", "-pubkey");
  }
}
