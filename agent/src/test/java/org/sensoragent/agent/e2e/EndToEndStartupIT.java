package org.sensoragent.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.transport.mqtt.TestPki;

/**
 * {@code sensor-agent run} refuses to start on a config or provisioning it cannot use: exit code 2
 * (so systemd does not restart-loop), one line on standard error saying what and where, no
 * sampling started and no queue created.
 */
class EndToEndStartupIT {

  static final URI ENDPOINT = URI.create("mqtts://localhost:8883");

  @TempDir Path dir;
  private TestPki pki;
  private TestPki.Ca ca;

  @BeforeEach
  void pki() throws IOException {
    pki = new TestPki(dir.resolve("pki"));
    ca = pki.ca("site-ca");
  }

  @Test
  void anUnknownKeyNamesTheFileTheLineAndTheKey() throws Exception {
    Path provisioning = MqttSite.provision(pki, "provisioning", MqttSite.DEVICE, ENDPOINT, ca, device("device"));
    Path config = MqttSite.writeConfig(dir, provisioning, MqttSite.SIMULATED, "colour = \"blue\"\n");
    int line = (int) Files.readAllLines(config).indexOf("colour = \"blue\"") + 1;

    String refusal = refused(config);
    assertTrue(refusal.contains(config.toString()) && refusal.contains("line " + line) && refusal.contains("colour"),
        "names file, line " + line + " and key: " + refusal);
  }

  @Test
  void noProvisioningIsRefused() throws Exception {
    Path missing = dir.resolve("no-provisioning");
    Path config = MqttSite.writeConfig(dir, missing, MqttSite.SIMULATED, "");

    String refusal = refused(config);
    assertTrue(refusal.contains(missing.toString()), "names the folder: " + refusal);
  }

  @Test
  void anMqttsEndpointWithOnlyPskFilesIsRefused() throws Exception {
    Path provisioning = Files.createDirectories(dir.resolve("psk-only"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(provisioning.resolve(Provisioning.TOML),
        "device = \"" + MqttSite.DEVICE + "\"\nendpoint = \"" + ENDPOINT + "\"\n");
    Files.writeString(provisioning.resolve(Provisioning.PSK_IDENTITY), "meeting-room-1\n");
    Path key = Files.createFile(provisioning.resolve(Provisioning.PSK_KEY),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(key, "000102030405060708090a0b0c0d0e0f\n");
    Path config = MqttSite.writeConfig(dir, provisioning, MqttSite.SIMULATED, "");

    String refusal = refused(config);
    assertTrue(refusal.contains("device.pem") || refusal.contains("ca.pem") || refusal.contains("device.key"),
        "names a missing certificate file: " + refusal);
    assertFalse(refusal.contains("000102030405060708090a0b0c0d0e0f"), "never logs the key: " + refusal);
  }

  @Test
  void aDeviceKeyThatDoesNotMatchTheCertificateIsRefused() throws Exception {
    Path provisioning = MqttSite.provision(pki, "provisioning", MqttSite.DEVICE, ENDPOINT, ca, device("device"));
    Files.copy(device("other-device").key(), provisioning.resolve(Provisioning.DEVICE_KEY), StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(provisioning.resolve(Provisioning.DEVICE_KEY), PosixFilePermissions.fromString("rw-------"));
    Path config = MqttSite.writeConfig(dir, provisioning, MqttSite.SIMULATED, "");

    String refusal = refused(config);
    assertTrue(refusal.contains("device.key") && refusal.contains("match"), "says the key does not match: " + refusal);
  }

  @Test
  void thePublicSampleCredentialsAreRefusedByFingerprint() throws Exception {
    Path sample = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .resolveSibling("certs-sample").resolve("sample").resolve("provisioning");
    assertTrue(Files.isDirectory(sample), "the repository's sample provisioning: " + sample);
    Path provisioning = Files.createDirectories(dir.resolve("sample"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try (Stream<Path> files = Files.list(sample)) {
      for (Path file : files.toList()) {
        Files.copy(file, provisioning.resolve(file.getFileName()));
      }
    }
    Files.setPosixFilePermissions(provisioning.resolve(Provisioning.DEVICE_KEY), PosixFilePermissions.fromString("rw-------"));
    Path config = MqttSite.writeConfig(dir, provisioning, MqttSite.SIMULATED, "");

    String refusal = refused(config);
    assertTrue(refusal.toLowerCase(java.util.Locale.ROOT).contains("sample"), "says these are the sample credentials: " + refusal);
  }

  private TestPki.Identity device(String name) throws IOException {
    return pki.client(ca, name, MqttSite.DEVICE, TestPki.KeyForm.PKCS8_EC);
  }

  /** Runs the agent, expects exit 2 with one line on stderr and no sampling; returns the line. */
  private String refused(Path config) throws Exception {
    AgentJar.Result result = AgentJar.run(dir, "run", "--config", config.toString());
    assertEquals(2, result.exitCode(), "exit code 2 (config error)\n" + result);
    List<String> lines = result.stderrLines();
    assertEquals(1, lines.size(), "one line on stderr\n" + result);
    assertTrue(lines.get(0).startsWith("sensor-agent run: "), lines.get(0));
    assertFalse(result.stdout().contains("agent: sampling"), "no sampling started\n" + result);
    assertFalse(Files.exists(dir.resolve("state/queue.db")), "no queue created");
    return lines.get(0);
  }
}
