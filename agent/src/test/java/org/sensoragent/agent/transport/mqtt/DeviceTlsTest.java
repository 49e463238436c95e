package org.sensoragent.agent.transport.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.sensoragent.agent.provisioning.Pem;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;

/** TLS credentials from PEM files in every form openssl writes; keys and certificates made by openssl. */
class DeviceTlsTest {

  static final URI ENDPOINT = URI.create("mqtts://localhost:8883");

  @TempDir static Path dir;
  static TestPki pki;
  static TestPki.Ca ca;

  @BeforeAll
  static void makeCa() throws Exception {
    pki = new TestPki(dir.resolve("pki"));
    ca = pki.ca("unit-ca");
  }

  @ParameterizedTest
  @EnumSource(TestPki.KeyForm.class)
  void loadsTheKeyFormsOpensslWrites(TestPki.KeyForm form) throws Exception {
    TestPki.Identity device = pki.client(ca, "device-" + form, "meeting-room-1", form);
    String header = Files.readAllLines(device.key()).get(0);
    String expected = switch (form) {
      case PKCS8_EC, PKCS8_RSA -> "-----BEGIN PRIVATE KEY-----";
      case SEC1_EC -> "-----BEGIN EC PRIVATE KEY-----";
      case PKCS1_RSA -> "-----BEGIN RSA PRIVATE KEY-----";
    };
    assertEquals(expected, header, "openssl wrote the form under test");
    assertTrue(Pem.matches(Pem.privateKey(device.key()), Pem.certificates(device.cert()).get(0)));
    DeviceTls tls = DeviceTls.load(pki.provisioning("prov-" + form, "meeting-room-1", ENDPOINT, ca, device));
    assertEquals("CN=meeting-room-1", tls.deviceCertificate().getSubjectX500Principal().getName());
  }

  @Test
  void aKeyThatDoesNotBelongToTheCertificateIsRefusedNamingBothFiles() throws Exception {
    TestPki.Identity device = pki.client(ca, "device-a", "meeting-room-1", TestPki.KeyForm.PKCS8_EC);
    TestPki.Identity other = pki.client(ca, "device-b", "meeting-room-2", TestPki.KeyForm.PKCS8_EC);
    Provisioning mixed = pki.provisioning("mixed", "meeting-room-1", ENDPOINT, ca, new TestPki.Identity(device.cert(), other.key()));
    TransportException e = assertThrows(TransportException.class, () -> DeviceTls.load(mixed));
    assertEquals(Retry.SLOWLY, e.retry());
    assertTrue(e.getMessage().contains("device.key does not belong to the certificate in"), e.getMessage());
    assertTrue(e.getMessage().contains("CN=meeting-room-1"), e.getMessage());
  }

  @Test
  void aMissingCaFileIsNamed() throws Exception {
    TestPki.Identity device = pki.client(ca, "device-c", "meeting-room-1", TestPki.KeyForm.PKCS8_EC);
    Provisioning provisioning = pki.provisioning("no-ca", "meeting-room-1", ENDPOINT, ca, device);
    Files.delete(provisioning.file(Provisioning.CA));
    TransportException e = assertThrows(TransportException.class, () -> DeviceTls.load(provisioning));
    assertTrue(e.getMessage().contains("ca.pem: missing"), e.getMessage());
  }
}
