package org.sensoragent.agent.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

  private String publicKeyOfKey(Path key) throws IOException {
    return Openssl.run(dir, "pkey", "-in", key.toString(), "-pubout");
  }

  private String publicKeyOfCsr(Path csr) throws IOException {
    return Openssl.run(dir, "req", "-in", csr.toString(), "-noout", "-pubkey");
  }
}
