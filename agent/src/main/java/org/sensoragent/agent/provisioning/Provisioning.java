package org.sensoragent.agent.provisioning;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a device was provisioned with: its id, the endpoint whose scheme picks the transport, and
 * where its credential files are. Secrets ({@code device.key}, {@code psk.key}) are read from
 * {@code credentialsDir} when systemd passes them with {@code LoadCredential=}, else from the
 * provisioning directory itself.
 */
public record Provisioning(String deviceId, URI endpoint, Path dir, Path credentialsDir) {

  public static final String TOML = "provisioning.toml";
  public static final String CA = "ca.pem";
  public static final String DEVICE_CERT = "device.pem";
  public static final String DEVICE_KEY = "device.key";
  public static final String PSK_IDENTITY = "psk.identity";
  public static final String PSK_KEY = "psk.key";
  public static final String OPERATOR_KEY = "operator.pem";

  /** The transport an endpoint's scheme selects. */
  public enum Scheme {
    MQTTS,
    COAPS
  }

  public Scheme scheme() {
    return Scheme.valueOf(endpoint.getScheme().toUpperCase(Locale.ROOT));
  }

  /**
   * A provisioning file by name: secrets from the credentials directory when it holds them, every
   * other file from the provisioning directory.
   */
  public Path file(String name) {
    boolean secret = name.equals(DEVICE_KEY) || name.equals(PSK_KEY);
    if (secret && credentialsDir != null && holdsCredential(credentialsDir.resolve(name))) {
      return credentialsDir.resolve(name);
    }
    return dir.resolve(name);
  }

  /**
   * The unit gives every credential a blank default ({@code SetCredential=}) so that the one the
   * device was not provisioned with does not fail the start: blank means absent.
   */
  private static boolean holdsCredential(Path file) {
    try {
      return Files.size(file) > 1;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
