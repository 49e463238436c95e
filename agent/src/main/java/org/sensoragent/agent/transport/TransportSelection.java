package org.sensoragent.agent.transport;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.sensoragent.agent.config.ConfigException;
import org.sensoragent.agent.config.DeviceConfig;
import org.sensoragent.agent.config.MqttConfig;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.provisioning.Provisioning.Scheme;
import org.sensoragent.agent.transport.coap.CoapTransport;
import org.sensoragent.agent.transport.mqtt.MqttTransport;
import org.tinylog.Logger;

/**
 * Picks the transport the provisioning describes and builds it. The endpoint's scheme decides;
 * the credential files of that scheme must all be there. Files of the other scheme never stand in
 * for them, and there is no plaintext fallback: {@code mqtt://} and {@code coap://} are refused.
 * Each refusal is a {@link ConfigException} naming the endpoint, the directory and the missing
 * files, so the agent exits with code 2 instead of restart-looping.
 */
public final class TransportSelection {

  /** What an {@code mqtts://} endpoint needs. */
  public static final List<String> MQTT_FILES =
      List.of(Provisioning.CA, Provisioning.DEVICE_CERT, Provisioning.DEVICE_KEY);
  /** What a {@code coaps://} endpoint needs. */
  public static final List<String> COAP_FILES = List.of(Provisioning.PSK_IDENTITY, Provisioning.PSK_KEY);

  private TransportSelection() {}

  /**
   * The transport the provisioning selects, once its files are there (their content is checked
   * by the transport when it is built).
   *
   * @throws ConfigException for a plaintext or unknown scheme, nothing provisioned, or missing files
   */
  public static Scheme select(Provisioning provisioning) throws ConfigException {
    Scheme scheme = scheme(provisioning);
    List<String> needed = files(scheme);
    List<String> other = files(scheme == Scheme.MQTTS ? Scheme.COAPS : Scheme.MQTTS);
    List<String> missing = absent(provisioning, needed);
    if (missing.isEmpty()) {
      return scheme;
    }
    String dir = provisioning.dir() + (provisioning.credentialsDir() == null ? ""
        : " (secrets also looked for in " + provisioning.credentialsDir() + ")");
    if (missing.size() == needed.size() && absent(provisioning, other).size() == other.size()) {
      throw new ConfigException(dir + ": no transport credentials are provisioned: endpoint "
          + provisioning.endpoint() + " needs " + String.join(", ", needed)
          + "; provision the device (sensor-agent provision --from DIR)");
    }
    String message = dir + ": endpoint " + provisioning.endpoint() + " needs " + String.join(", ", needed)
        + ", but " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " missing";
    List<String> otherPresent = other.stream().filter(name -> !missing(provisioning, name)).toList();
    if (!otherPresent.isEmpty()) {
      message += "; " + String.join(", ", otherPresent) + " belong to "
          + (scheme == Scheme.MQTTS ? "coaps://" : "mqtts://")
          + " endpoints and do not count: the endpoint and the provisioned credentials disagree";
    }
    throw new ConfigException(message);
  }

  /**
   * Selects and builds the transport, and logs which one (never a secret).
   *
   * @throws ConfigException as {@link #select}, or when a credential file is malformed
   */
  public static Transport build(Provisioning provisioning, DeviceConfig device, MqttConfig mqtt)
      throws ConfigException {
    Transport transport = switch (select(provisioning)) {
      case MQTTS -> new MqttTransport(provisioning, device, mqtt);
      case COAPS -> CoapTransport.create(provisioning);
    };
    Logger.info("device {}: sending with {}", provisioning.deviceId(), transport.describe());
    return transport;
  }

  private static Scheme scheme(Provisioning provisioning) throws ConfigException {
    String scheme = String.valueOf(provisioning.endpoint().getScheme()).toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "mqtts" -> Scheme.MQTTS;
      case "coaps" -> Scheme.COAPS;
      case "mqtt", "coap" -> throw new ConfigException("endpoint " + provisioning.endpoint() + ": plaintext "
          + scheme + ":// is never used; use " + scheme + "s://");
      default -> throw new ConfigException("endpoint " + provisioning.endpoint()
          + ": must start with mqtts:// or coaps://");
    };
  }

  private static List<String> files(Scheme scheme) {
    return scheme == Scheme.MQTTS ? MQTT_FILES : COAP_FILES;
  }

  private static List<String> absent(Provisioning provisioning, List<String> names) {
    return names.stream().filter(name -> missing(provisioning, name)).toList();
  }

  private static boolean missing(Provisioning provisioning, String name) {
    return !Files.isRegularFile(provisioning.file(name));
  }
}
