package org.sensoragent.agent.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An operator's kit for tests, made with openssl in a temp folder: a CA, an operator signing key,
 * and bundles built as provisioning/README.md describes them.
 */
public final class TestPki {

  public static final String DEVICE = "meeting-room-1";
  public static final String MQTTS = "mqtts://broker.example.net:8883";
  public static final String COAPS = "coaps://collector.example.net:5684/telemetry";

  public final Path root;
  public final Path ca;
  public final Path operatorKey;
  public final Path operatorPem;
  private int serial;

  public TestPki(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root);
    this.ca = Openssl.ca(root, "ca", 730);
    this.operatorKey = Openssl.ecKey(root.resolve("operator.key"));
    this.operatorPem = Openssl.publicKey(operatorKey, root.resolve("operator.pem"));
  }

  /** An unsigned certificate-mode bundle (device key + certificate, 365 days, clientAuth) with operator.pem. */
  public Path certBundle(String name) throws IOException {
    Path bundle = Files.createDirectories(root.resolve(name));
    toml(bundle, MQTTS);
    Path key = Openssl.ecKey(bundle.resolve(Provisioning.DEVICE_KEY));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Path csr = Openssl.csr(key, DEVICE, root.resolve(name + "-" + serial++ + ".csr"));
    Openssl.issue(csr, ca, 365, "clientAuth", bundle.resolve(Provisioning.DEVICE_CERT));
    Files.copy(ca, bundle.resolve(Provisioning.CA));
    Files.copy(operatorPem, bundle.resolve(Provisioning.OPERATOR_KEY));
    return bundle;
  }

  /** An unsigned PSK bundle with operator.pem. */
  public Path pskBundle(String name, String hexKey) throws IOException {
    Path bundle = Files.createDirectories(root.resolve(name));
    toml(bundle, COAPS);
    Files.writeString(bundle.resolve(Provisioning.PSK_IDENTITY), DEVICE + "\n");
    Path key = Files.writeString(bundle.resolve(Provisioning.PSK_KEY), hexKey + "\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Files.copy(operatorPem, bundle.resolve(Provisioning.OPERATOR_KEY));
    return bundle;
  }

  public Path signed(Path bundle) throws IOException {
    Openssl.sign(bundle, operatorKey);
    return bundle;
  }

  public static void toml(Path bundle, String endpoint) throws IOException {
    Files.writeString(bundle.resolve(Provisioning.TOML), "device = \"" + DEVICE + "\"\nendpoint = \"" + endpoint + "\"\n");
  }
}
