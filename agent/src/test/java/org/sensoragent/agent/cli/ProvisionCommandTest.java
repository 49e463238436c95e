package org.sensoragent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.provisioning.Openssl;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.provisioning.TestPki;

/** {@code provision} from a temp folder standing in for the mounted stick, with real openssl PEMs. */
class ProvisionCommandTest {

  private static final String PSK_HEX = "00112233445566778899aabbccddeeff0123456789abcdef";

  @TempDir Path root;
  private TestPki pki;
  private Device device;

  @BeforeEach
  void setUp() throws IOException {
    pki = new TestPki(root.resolve("operator"));
    device = new Device(root.resolve("device"));
  }

  @Test
  void certificateModeInstallsWithModesAndSaysWhat() throws IOException {
    Path bundle = pki.signed(pki.certBundle("cert"));
    String key = Files.readString(bundle.resolve(Provisioning.DEVICE_KEY));

    Device.Run run = device.provision(bundle);

    assertEquals(0, run.code(), run.all());
    assertTrue(run.out().contains("device: " + TestPki.DEVICE), run.out());
    assertTrue(run.out().contains("endpoint: " + TestPki.MQTTS), run.out());
    assertTrue(run.out().contains("certificate: CN=" + TestPki.DEVICE), run.out());
    assertTrue(run.out().contains("expires: "), run.out());
    assertTrue(run.out().contains("signature: good"), run.out());
    assertFalse(run.all().contains(key.lines().skip(1).findFirst().orElseThrow()), "a secret was printed");
    assertEquals(key, Files.readString(device.provisioning.resolve(Provisioning.DEVICE_KEY)));
    assertEquals("rw-------", mode(device.provisioning.resolve(Provisioning.DEVICE_KEY)));
    assertEquals("rw-r--r--", mode(device.provisioning.resolve(Provisioning.DEVICE_CERT)));
    assertFalse(Files.exists(Path.of(device.provisioning + ".new")));
    assertEquals(0, device.check().code(), device.check().all());
  }

  @Test
  void pskModeInstallsAndPrintsTheIdentityNotTheKey() throws IOException {
    Device.Run run = device.provision(pki.signed(pki.pskBundle("psk", PSK_HEX)));

    assertEquals(0, run.code(), run.all());
    assertTrue(run.out().contains("psk identity: " + TestPki.DEVICE), run.out());
    assertFalse(run.all().contains(PSK_HEX), "the PSK was printed");
    assertEquals("rw-------", mode(device.provisioning.resolve(Provisioning.PSK_KEY)));
    assertEquals(0, device.check().code(), device.check().all());
  }

  @Test
  void firstBundleMayBeUnsignedAndASecondOneMustBeSigned() throws IOException {
    assertEquals(0, device.provision(pki.certBundle("first")).code());
    TreeMap<String, String> before = device.snapshot();

    Device.Run run = device.provision(pki.pskBundle("unsigned", PSK_HEX));

    assertEquals(2, run.code(), run.all());
    assertTrue(run.err().contains("not signed"), run.err());
    assertEquals(before, device.snapshot());
    assertEquals(0, device.provision(pki.signed(pki.pskBundle("signed", PSK_HEX))).code());
  }

  @Test
  void aSignedBundleWithoutOperatorPemKeepsTheInstalledOne() throws IOException {
    assertEquals(0, device.provision(pki.signed(pki.certBundle("first"))).code());
    Path second = pki.pskBundle("second", PSK_HEX);
    Files.delete(second.resolve(Provisioning.OPERATOR_KEY));
    assertEquals(0, device.provision(pki.signed(second)).code());

    assertTrue(Files.exists(device.provisioning.resolve(Provisioning.OPERATOR_KEY)), "signing must stay required");
    assertEquals(2, device.provision(pki.pskBundle("unsigned", PSK_HEX)).code());
  }

  @Test
  void wronglySignedIsRefused() throws IOException {
    assertEquals(0, device.provision(pki.signed(pki.certBundle("first"))).code());
    TreeMap<String, String> before = device.snapshot();
    Path otherKey = Openssl.ecKey(root.resolve("other-operator.key"));
    Path bundle = pki.pskBundle("forged", PSK_HEX);
    Files.delete(bundle.resolve(Provisioning.OPERATOR_KEY));
    Openssl.publicKey(otherKey, bundle.resolve(Provisioning.OPERATOR_KEY)); // "rotate" to the attacker's key
    Openssl.sign(bundle, otherKey);

    Device.Run run = device.provision(bundle);

    assertEquals(2, run.code(), run.all());
    assertTrue(run.err().contains("SHA256SUMS.sig: not a valid signature"), run.err());
    assertEquals(before, device.snapshot());
  }

  @Test
  void aFileChangedAfterSigningIsRefused() throws IOException {
    assertEquals(0, device.provision(pki.signed(pki.certBundle("first"))).code());
    TreeMap<String, String> before = device.snapshot();
    Path bundle = pki.signed(pki.pskBundle("changed", PSK_HEX));
    Files.writeString(bundle.resolve(Provisioning.PSK_KEY), PSK_HEX.replace('0', 'f') + "\n");

    Device.Run run = device.provision(bundle);

    assertEquals(2, run.code(), run.all());
    assertTrue(run.err().contains("psk.key: changed after signing"), run.err());
    assertEquals(before, device.snapshot());
  }

  @Test
  void extraFilesAreRefusedListedOrNot() throws IOException {
    assertEquals(0, device.provision(pki.signed(pki.certBundle("first"))).code());
    Path bundle = pki.signed(pki.pskBundle("extra", PSK_HEX));
    Files.writeString(bundle.resolve("notes.txt"), "hello");
    Files.writeString(bundle.resolve(Provisioning.DEVICE_CERT), "unlisted");

    Device.Run run = device.provision(bundle);

    assertEquals(2, run.code(), run.all());
    assertTrue(run.err().contains("notes.txt: not a bundle file"), run.err());
    assertTrue(run.err().contains("device.pem: not listed in SHA256SUMS"), run.err());
  }

  @Test
  void pathTricksInTheSignedListAreRefused() throws IOException {
    assertEquals(0, device.provision(pki.signed(pki.certBundle("first"))).code());
    Path bundle = pki.signed(pki.pskBundle("tricks", PSK_HEX));
    Files.writeString(bundle.resolve("SHA256SUMS"), Files.readString(bundle.resolve("SHA256SUMS"))
        + "0".repeat(64) + "  ../../etc/passwd\n");
    Openssl.run(bundle, "dgst", "-sha256", "-sign", pki.operatorKey.toString(), "-out", "SHA256SUMS.sig", "SHA256SUMS");

    Device.Run run = device.provision(bundle);

    assertEquals(2, run.code(), run.all());
    assertTrue(run.err().contains("SHA256SUMS: line 5 is not"), run.err());
  }

  @Test
  void missingFileIsNamed() throws IOException {
    assertEquals(0, device.provision(pki.signed(pki.pskBundle("first", PSK_HEX))).code());
    TreeMap<String, String> before = device.snapshot();
    Path bundle = pki.certBundle("missing");
    Files.delete(bundle.resolve(Provisioning.DEVICE_KEY));

    Device.Run run = device.provision(pki.signed(bundle));

    assertEquals(2, run.code(), run.all());
    assertTrue(run.err().contains("error: " + bundle.resolve("device.key") + ": missing"), run.err());
    assertEquals(before, device.snapshot());
  }

  @Test
  void keyNotMatchingTheCertificateIsRefused() throws IOException {
    Path bundle = pki.certBundle("mismatch");
    Files.delete(bundle.resolve(Provisioning.DEVICE_KEY));
    Openssl.ecKey(bundle.resolve(Provisioning.DEVICE_KEY));

    Device.Run run = device.provision(bundle);

    assertEquals(2, run.code(), run.all());
    assertTrue(run.err().contains("device.key: private key does not match the certificate"), run.err());
    assertFalse(Files.exists(device.provisioning));
  }

  @Test
  void expiredCertificateIsRefused() throws IOException {
    device.clock = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofDays(400));

    Device.Run run = device.provision(pki.certBundle("expired"));

    assertEquals(2, run.code(), run.all());
    assertTrue(run.err().contains("device.pem: certificate expired on"), run.err());
  }

  @Test
  void certificateFromAnotherCaIsRefused() throws IOException {
    Path bundle = pki.certBundle("other-ca");
    Path otherCa = Openssl.ca(Files.createDirectories(root.resolve("other")), "other", 30);
    Files.copy(otherCa, bundle.resolve(Provisioning.CA), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    Device.Run run = device.provision(bundle);

    assertEquals(2, run.code(), run.all());
    assertTrue(run.err().contains("device.pem: certificate does not chain to ca.pem"), run.err());
  }

  @Test
  void badPskHexIsRefused() throws IOException {
    Device.Run run = device.provision(pki.pskBundle("bad-hex", "00112233445566778899aabbccddeexx"));
    Device.Run shortKey = device.provision(pki.pskBundle("short", "0011223344556677"));

    assertEquals(2, run.code(), run.all());
    assertTrue(run.err().contains("psk.key: is not hex"), run.err());
    assertEquals(2, shortKey.code());
    assertTrue(shortKey.err().contains("psk.key: the PSK is 8 bytes; at least 16"), shortKey.err());
  }

  @Test
  void readableSecretOnTheStickIsAWarningAndInstalledPrivate() throws IOException {
    Path bundle = pki.pskBundle("readable", PSK_HEX);
    Files.setPosixFilePermissions(bundle.resolve(Provisioning.PSK_KEY), PosixFilePermissions.fromString("rw-r--r--"));

    Device.Run run = device.provision(bundle);

    assertEquals(0, run.code(), run.all());
    assertTrue(run.err().contains("warning: " + bundle.resolve("psk.key") + ": secret is readable"), run.err());
    assertEquals("rw-------", mode(device.provisioning.resolve(Provisioning.PSK_KEY)));
  }

  @Test
  void sampleCredentialsAreRefused() {
    Path sample = Path.of("..", "certs-sample", "sample").toAbsolutePath().normalize();

    Device.Run mqtt = device.provision(sample.resolve("provisioning"));
    Device.Run coap = device.provision(sample.resolve("provisioning-coap"));

    assertEquals(2, mqtt.code(), mqtt.all());
    assertTrue(mqtt.err().contains("device.pem: the sample device certificate is the public sample from certs-sample/;"
        + " make your own with provisioning/make-bundle"), mqtt.err());
    assertEquals(2, coap.code(), coap.all());
    assertTrue(coap.err().contains("psk.key: the sample PSK is the public sample"), coap.err());
    assertFalse(Files.exists(device.provisioning));
  }

  @Test
  void csrRoundTripKeepsTheKeyOnTheDevice() throws IOException {
    Path stick = Files.createDirectories(root.resolve("stick"));
    Path request = Files.createDirectories(stick.resolve("sensor-agent"));
    TestPki.toml(request, TestPki.MQTTS);
    Files.writeString(request.resolve("csr.request"), "");
    Files.copy(pki.ca, request.resolve(Provisioning.CA));
    Files.copy(pki.operatorPem, request.resolve(Provisioning.OPERATOR_KEY));
    pki.signed(request);

    Device.Run first = device.provision(request);

    assertEquals(0, first.code(), first.all());
    Path csr = stick.resolve("sensor-agent-csr/" + TestPki.DEVICE + ".csr");
    assertTrue(Files.readString(csr).startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
    assertFalse(Files.readString(csr).contains("PRIVATE KEY"));
    Openssl.run(stick, "req", "-in", csr.toString(), "-noout", "-verify");
    assertTrue(Openssl.run(stick, "req", "-in", csr.toString(), "-noout", "-subject").contains("CN = " + TestPki.DEVICE));
    Path pendingKey = Path.of(device.provisioning + ".pending", TestPki.DEVICE, "device.key");
    assertEquals("rw-------", mode(pendingKey));
    assertFalse(Files.exists(device.provisioning), "nothing is installed by a request");

    // the operator signs the CSR; the second insert brings device.pem and no key
    Path answer = Files.createDirectories(root.resolve("answer"));
    TestPki.toml(answer, TestPki.MQTTS);
    Openssl.issue(csr, pki.ca, 365, "clientAuth", answer.resolve(Provisioning.DEVICE_CERT));
    Files.copy(pki.ca, answer.resolve(Provisioning.CA));
    Files.copy(pki.operatorPem, answer.resolve(Provisioning.OPERATOR_KEY));
    String key = Files.readString(pendingKey);
    Device.Run second = device.provision(pki.signed(answer));

    assertEquals(0, second.code(), second.all());
    assertEquals(key, Files.readString(device.provisioning.resolve(Provisioning.DEVICE_KEY)));
    assertFalse(Files.exists(pendingKey), "the pending key is gone once installed");
    assertEquals(0, device.check().code(), device.check().all());
  }

  @Test
  void csrAnswerForAnotherKeyIsRefused() throws IOException {
    Path request = Files.createDirectories(root.resolve("request"));
    TestPki.toml(request, TestPki.MQTTS);
    Files.writeString(request.resolve("csr.request"), "");
    assertEquals(0, device.provision(request, "--csr-out", root.resolve("csr").toString()).code());
    Path answer = pki.certBundle("answer");
    Files.delete(answer.resolve(Provisioning.DEVICE_KEY)); // certificate for a key that is not the pending one

    Device.Run run = device.provision(answer);

    assertEquals(2, run.code(), run.all());
    assertTrue(run.err().contains("device.key: private key does not match the certificate"), run.err());
  }

  @Test
  void checkReportsAWorldReadableInstalledSecretAsAnError() throws IOException {
    assertEquals(0, device.provision(pki.pskBundle("psk", PSK_HEX)).code());
    Files.setPosixFilePermissions(device.provisioning.resolve(Provisioning.PSK_KEY), PosixFilePermissions.fromString("rw-r--r--"));

    Device.Run run = device.check();

    assertEquals(2, run.code(), run.all());
    assertTrue(run.err().contains("error: " + device.provisioning.resolve("psk.key") + ": secret is readable"), run.err());
  }

  @Test
  void checkConnectTriesTheEndpointAndNamesWhyItFailed() throws IOException {
    assertEquals(0, device.provision(pki.pskBundle("psk", PSK_HEX)).code());

    Device.Run run = device.check("--connect");

    assertEquals(1, run.code(), run.all());
    assertTrue(run.err().startsWith("error: connect: "), run.err());
    assertTrue(run.err().contains("collector.example.net"), run.err());
  }

  private static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}
