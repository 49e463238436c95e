package org.sensoragent.agent.provisioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.provisioning.Pem.PemException;

/**
 * Every private and public key form openssl writes, made by the openssl CLI and read by {@link Pem};
 * a key read counts when it signs what its own openssl-made certificate verifies.
 */
class PemTest {

  @TempDir Path dir;

  @Test
  void pkcs8EcKey() throws Exception {
    Path key = Openssl.ecKey(dir.resolve("ec.key"));
    assertReadsAndMatches(key, "-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void pkcs8RsaKey() throws Exception {
    Path key = openssl(dir.resolve("rsa.key"), "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048");
    assertReadsAndMatches(key, "-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void pkcs1RsaKey() throws Exception {
    Path key = openssl(dir.resolve("rsa.key"), "genrsa", "-traditional", "2048");
    assertReadsAndMatches(key, "-----BEGIN RSA PRIVATE KEY-----");
  }

  @Test
  void sec1EcKeyAsOpensslEcWritesIt() throws Exception {
    Path pkcs8 = Openssl.ecKey(dir.resolve("pkcs8.key"));
    Path key = openssl(dir.resolve("ec.key"), "ec", "-in", pkcs8.toString());
    assertReadsAndMatches(key, "-----BEGIN EC PRIVATE KEY-----");
  }

  @Test
  void sec1EcKeyOnAnotherCurve() throws Exception {
    Path key = openssl(dir.resolve("p384.key"), "ecparam", "-name", "secp384r1", "-genkey", "-noout");
    assertReadsAndMatches(key, "-----BEGIN EC PRIVATE KEY-----");
  }

  @Test
  void sec1EcKeyAfterTheEcParametersBlockOfEcparamGenkey() throws Exception {
    Path key = openssl(dir.resolve("ecparam.key"), "ecparam", "-name", "prime256v1", "-genkey");
    assertReadsAndMatches(key, "-----BEGIN EC PARAMETERS-----");
    assertTrue(Files.readString(key).contains("-----BEGIN EC PRIVATE KEY-----"));
  }

  @Test
  void sec1EcKeyWithoutParametersTakesTheCurveOfTheBlockBeforeIt() throws Exception {
    Path full = openssl(dir.resolve("ecparam.key"), "ecparam", "-name", "prime256v1", "-genkey");
    String text = Files.readString(full);
    String parametersBlock = text.substring(0, text.indexOf("-----BEGIN EC PRIVATE KEY-----"));
    byte[] bare = withoutParameters(Files.readString(openssl(dir.resolve("sec1.key"), "ec", "-in", full.toString())));
    Path withBlock = Files.writeString(dir.resolve("with-block.key"), parametersBlock + Pem.encode("EC PRIVATE KEY", bare));
    Path alone = Files.writeString(dir.resolve("alone.key"), Pem.encode("EC PRIVATE KEY", bare));

    assertTrue(Pem.matches(Pem.privateKey(withBlock), certificate(full)));
    assertEquals(alone + ": EC private key names no curve (no parameters in the key nor an EC PARAMETERS block)",
        assertThrows(PemException.class, () -> Pem.privateKey(alone)).getMessage());
  }

  @Test
  void explicitCurveParametersAreRefusedNamingTheFix() throws Exception {
    Path named = Openssl.ecKey(dir.resolve("named.key"));
    Path explicit = openssl(dir.resolve("explicit.key"), "ec", "-in", named.toString(), "-param_enc", "explicit");

    PemException e = assertThrows(PemException.class, () -> Pem.privateKey(explicit));

    assertEquals(explicit + ": EC private key with explicit curve parameters; only named curves are supported"
        + " (openssl ec -param_enc named_curve writes one)", e.getMessage());
  }

  @Test
  void onlyTheBlocksReadAreChecked() throws Exception {
    Path key = Openssl.ecKey(dir.resolve("ec.key"));
    Path pub = Openssl.publicKey(key, dir.resolve("ec.pub"));
    String damaged = "-----BEGIN CERTIFICATE-----\n!!!!\n";
    Path keyThenJunk = Files.writeString(dir.resolve("key-junk.pem"), "comment line\n" + Files.readString(key) + damaged);
    Path pubThenJunk = Files.writeString(dir.resolve("pub-junk.pem"), Files.readString(pub) + damaged);

    assertTrue(Pem.matches(Pem.privateKey(keyThenJunk), certificate(key)));
    assertArrayEquals(Pem.publicKey(pub).getEncoded(), Pem.publicKey(pubThenJunk).getEncoded());
    Path unterminated = Files.writeString(dir.resolve("unterminated.key"), damaged);
    assertEquals(unterminated + ": not valid PEM (no \"-----END CERTIFICATE-----\" line)",
        assertThrows(PemException.class, () -> Pem.privateKey(unterminated)).getMessage());
  }

  @Test
  void pkcs8KeysOfTheJdksOtherAlgorithms() throws Exception {
    Path ed25519 = openssl(dir.resolve("ed.key"), "genpkey", "-algorithm", "ED25519");
    Path pss = openssl(dir.resolve("pss.key"), "genpkey", "-algorithm", "RSA-PSS");
    Path dsa = openssl(dir.resolve("dsa.key"), "dsaparam", "-genkey", "-noout", "2048");
    Path dsaPkcs8 = openssl(dir.resolve("dsa8.key"), "pkey", "-in", dsa.toString());

    assertEquals("EdDSA", Pem.privateKey(ed25519).getAlgorithm());
    assertEquals("RSASSA-PSS", Pem.privateKey(pss).getAlgorithm());
    assertEquals("DSA", Pem.privateKey(dsaPkcs8).getAlgorithm());
    assertEquals("DSA", Pem.publicKey(Openssl.publicKey(dsaPkcs8, dir.resolve("dsa.pub"))).getAlgorithm());
    assertTrue(Pem.matches(Pem.privateKey(ed25519), certificate(ed25519)), "an Ed25519 key matches its certificate");
    assertTrue(Pem.matches(Pem.privateKey(dsaPkcs8), certificate(dsaPkcs8)));
    assertFalse(Pem.matches(Pem.privateKey(ed25519), certificate(openssl(dir.resolve("ed2.key"), "genpkey", "-algorithm", "ED25519"))));
  }

  @Test
  void publicKeysInBothForms() throws Exception {
    Path ec = Openssl.ecKey(dir.resolve("ec.key"));
    Path rsa = openssl(dir.resolve("rsa.key"), "genrsa", "2048");
    Path ecPub = Openssl.publicKey(ec, dir.resolve("ec.pub"));
    Path rsaPub = Openssl.publicKey(rsa, dir.resolve("rsa.pub"));
    Path rsaPkcs1Pub = openssl(dir.resolve("rsa1.pub"), "rsa", "-in", rsa.toString(), "-RSAPublicKey_out");
    assertEquals("-----BEGIN RSA PUBLIC KEY-----", Files.readAllLines(rsaPkcs1Pub).get(0));

    assertArrayEquals(certificate(ec).getPublicKey().getEncoded(), Pem.publicKey(ecPub).getEncoded());
    assertArrayEquals(certificate(rsa).getPublicKey().getEncoded(), Pem.publicKey(rsaPub).getEncoded());
    assertArrayEquals(certificate(rsa).getPublicKey().getEncoded(), Pem.publicKey(rsaPkcs1Pub).getEncoded());
  }

  @Test
  void encryptedPkcs8KeyIsRefusedAsSuch() throws Exception {
    Path plain = Openssl.ecKey(dir.resolve("plain.key"));
    Path key = openssl(dir.resolve("enc.key"), "pkey", "-in", plain.toString(), "-aes256", "-passout", "pass:secret");
    assertEquals("-----BEGIN ENCRYPTED PRIVATE KEY-----", Files.readAllLines(key).get(0));
    assertRefusedAsEncrypted(key);
  }

  @Test
  void encryptedTraditionalKeysAreRefusedAsSuch() throws Exception {
    Path ec = Openssl.ecKey(dir.resolve("ec.key"));
    Path rsa = openssl(dir.resolve("rsa.key"), "genrsa", "2048");
    Path encryptedEc = openssl(dir.resolve("enc-ec.key"), "ec", "-in", ec.toString(), "-aes256", "-passout", "pass:secret");
    Path encryptedRsa = openssl(dir.resolve("enc-rsa.key"), "rsa", "-traditional", "-in", rsa.toString(), "-aes256",
        "-passout", "pass:secret");
    assertTrue(Files.readString(encryptedEc).contains("Proc-Type: 4,ENCRYPTED"));
    assertTrue(Files.readString(encryptedRsa).contains("Proc-Type: 4,ENCRYPTED"));
    assertRefusedAsEncrypted(encryptedEc);
    assertRefusedAsEncrypted(encryptedRsa);
  }

  @Test
  void aCertificateIsNotAPrivateKey() throws Exception {
    Path key = Openssl.ecKey(dir.resolve("ec.key"));
    Path cert = Files.writeString(dir.resolve("cert.pem"), pemOf(certificate(key)));
    PemException e = assertThrows(PemException.class, () -> Pem.privateKey(cert));
    assertEquals(cert + ": holds no unencrypted PEM private key (PKCS#8, RSA or EC), found a \"CERTIFICATE\" block",
        e.getMessage());
    PemException publicKey = assertThrows(PemException.class, () -> Pem.publicKey(cert));
    assertEquals(cert + ": holds no PEM public key (\"BEGIN PUBLIC KEY\"), found a \"CERTIFICATE\" block",
        publicKey.getMessage());
  }

  @Test
  void missingEmptyAndDamagedFilesAreNamed() throws Exception {
    Path missing = dir.resolve("missing.key");
    assertEquals(missing + ": missing", assertThrows(PemException.class, () -> Pem.privateKey(missing)).getMessage());
    assertEquals(missing + ": missing", assertThrows(PemException.class, () -> Pem.publicKey(missing)).getMessage());

    Path empty = Files.writeString(dir.resolve("empty.key"), "no PEM here\n");
    assertEquals(empty + ": holds no PEM block", assertThrows(PemException.class, () -> Pem.privateKey(empty)).getMessage());

    Path ec = Openssl.ecKey(dir.resolve("ec.key"));
    Path sec1 = openssl(dir.resolve("sec1.key"), "ec", "-in", ec.toString());
    String text = Files.readString(sec1);
    int body = text.indexOf('\n') + 1;
    Path damaged = Files.writeString(dir.resolve("damaged.key"), text.substring(0, body) + "AAAA" + text.substring(body + 4));
    PemException e = assertThrows(PemException.class, () -> Pem.privateKey(damaged));
    assertTrue(e.getMessage().startsWith(damaged + ": "), e.getMessage());
    assertFalse(e.getMessage().contains(text.substring(body + 4, body + 40)), "key material in the message");
  }

  private void assertReadsAndMatches(Path key, String firstLine) throws Exception {
    assertEquals(firstLine, Files.readAllLines(key).get(0), "openssl wrote the form under test");
    PrivateKey read = Pem.privateKey(key);
    X509Certificate own = certificate(key);
    assertTrue(Pem.matches(read, own), "the key read signs what its certificate verifies");
    Path other = Openssl.ecKey(dir.resolve("other-" + key.getFileName()));
    assertFalse(Pem.matches(read, certificate(other)), "and not what another key's certificate verifies");
  }

  /** The SEC1 key of {@code pem} re-encoded without its [0] parameters: version, d and [1] public key only. */
  private static byte[] withoutParameters(String pem) {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    List<byte[]> kept = new ArrayList<>();
    for (Der.Element field : Der.read(java.util.Base64.getDecoder().decode(base64)).children()) {
      if (field.tag() != Der.CONTEXT_0) {
        kept.add(Der.tlv(field.tag(), field.content()));
      }
    }
    assertEquals(3, kept.size());
    return Der.sequence(kept.toArray(byte[][]::new));
  }

  private static void assertRefusedAsEncrypted(Path key) {
    PemException e = assertThrows(PemException.class, () -> Pem.privateKey(key));
    assertEquals(key + ": holds no unencrypted PEM private key (PKCS#8, RSA or EC), found an encrypted key (not supported)",
        e.getMessage());
  }

  /** A self-signed certificate for {@code key}, made by openssl. */
  private X509Certificate certificate(Path key) throws Exception {
    Path cert = dir.resolve(key.getFileName() + ".pem");
    Openssl.run(dir, "req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=pem-test", "-days", "1", "-out", cert.toString());
    return Pem.certificates(cert).get(0);
  }

  private static String pemOf(X509Certificate certificate) throws Exception {
    return Pem.encode("CERTIFICATE", certificate.getEncoded());
  }

  /** Runs {@code openssl <command> -out out <options>} and returns {@code out}; -out comes first for genrsa's sake. */
  private Path openssl(Path out, String command, String... options) throws IOException {
    List<String> argv = new ArrayList<>(List.of(command, "-out", out.toString()));
    argv.addAll(List.of(options));
    Openssl.run(dir, argv.toArray(String[]::new));
    return out;
  }
}
