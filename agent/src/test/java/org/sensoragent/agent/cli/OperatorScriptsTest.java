package org.sensoragent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.provisioning.Openssl;

/**
 * The operator's tools end to end: certs-sample/make-certs.sh and provisioning/make-bundle make
 * bundles that {@code provision} installs; provisioning/test-scripts.sh (shellcheck, udev rule,
 * systemd-analyze verify) passes.
 */
class OperatorScriptsTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path MAKE_BUNDLE = REPO.resolve("provisioning/make-bundle");

  @TempDir Path root;

  @Test
  void makeCertsThenMakeBundleInEveryModeAreAccepted() throws IOException {
    Path kit = root.resolve("kit");
    bash(root, REPO.resolve("certs-sample/make-certs.sh").toString(), kit.toString());
    Device device = new Device(root.resolve("device"));

    Device.Run first = device.provision(kit.resolve("provisioning"));
    assertEquals(0, first.code(), first.all());
    assertTrue(first.out().contains("signature: good"), first.out());

    Path psk = root.resolve("psk");
    bash(root, MAKE_BUNDLE.toString(), "psk", "--operator-key", kit.resolve("operator.key").toString(),
        "--device", "meeting-room-1", "--endpoint", "coaps://localhost:5684/telemetry", "--out", psk.toString());
    Device.Run second = device.provision(psk);
    assertEquals(0, second.code(), second.all());

    Path stick = Files.createDirectories(root.resolve("stick"));
    bash(root, MAKE_BUNDLE.toString(), "request", "--operator-key", kit.resolve("operator.key").toString(),
        "--ca-cert", kit.resolve("ca.pem").toString(),
        "--device", "meeting-room-1", "--endpoint", "mqtts://localhost:8883", "--out", stick.resolve("sensor-agent").toString());
    Device.Run request = device.provision(stick.resolve("sensor-agent"));
    assertEquals(0, request.code(), request.all());
    Path csr = stick.resolve("sensor-agent-csr/meeting-room-1.csr");
    assertTrue(Files.exists(csr), request.all());

    Path answer = root.resolve("answer");
    bash(root, MAKE_BUNDLE.toString(), "csr", "--csr", csr.toString(), "--operator-key", kit.resolve("operator.key").toString(),
        "--ca-cert", kit.resolve("ca.pem").toString(), "--ca-key", kit.resolve("ca.key").toString(),
        "--device", "meeting-room-1", "--endpoint", "mqtts://localhost:8883", "--out", answer.toString());
    Device.Run installed = device.provision(answer);
    assertEquals(0, installed.code(), installed.all());
    assertTrue(installed.out().contains("certificate: CN=meeting-room-1"), installed.out());
    assertEquals(0, device.check().code(), device.check().all());
  }

  @Test
  void aBundleSignedByAnotherOperatorIsRefused() throws IOException {
    Path kit = root.resolve("kit");
    bash(root, REPO.resolve("certs-sample/make-certs.sh").toString(), kit.toString());
    Device device = new Device(root.resolve("device"));
    assertEquals(0, device.provision(kit.resolve("provisioning")).code());
    Path intruder = Openssl.ecKey(root.resolve("intruder.key"));

    Path psk = root.resolve("psk");
    bash(root, MAKE_BUNDLE.toString(), "psk", "--operator-key", intruder.toString(),
        "--device", "meeting-room-1", "--endpoint", "coaps://localhost:5684/telemetry", "--out", psk.toString());
    Device.Run run = device.provision(psk);

    assertEquals(2, run.code(), run.all());
    assertTrue(run.err().contains("SHA256SUMS.sig: not a valid signature"), run.err());
  }

  @Test
  void scriptsPassShellcheckAndUnitVerification() {
    String output = bash(root, REPO.resolve("provisioning/test-scripts.sh").toString());
    assertTrue(output.contains("ok: shellcheck provisioning/make-bundle"), output);
  }

  private static String bash(Path dir, String... command) {
    List<String> argv = new ArrayList<>(List.of("bash"));
    argv.addAll(List.of(command));
    return Openssl.exec(dir, argv);
  }
}
