package org.sensoragent.agent.transport.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.sensoragent.agent.config.AgentConfig;
import org.sensoragent.agent.config.MqttConfig;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.transport.TransportException;

/**
 * {@code sensor-agent check --connect} for {@code mqtts://}: one real TLS handshake and MQTT v5
 * CONNECT with the provisioned credentials, then a normal DISCONNECT. It connects as the device id
 * (a broker may insist on it) with a clean start, no will and no birth, so it publishes nothing; a
 * running agent with the same id is taken over for a moment and reconnects by itself.
 * Blocks up to the timeout; thread-safe (no shared state).
 */
public final class MqttConnectCheck {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  private MqttConnectCheck() {}

  /** Runs the check with {@code agent.toml}'s {@code [mqtt]} settings; see {@link #run(Provisioning, MqttConfig, Duration)}. */
  public static String run(Provisioning provisioning, AgentConfig config) throws TransportException {
    return run(provisioning, config.mqtt(), DEFAULT_TIMEOUT);
  }

  /**
   * @return a few lines for the operator: TLS version and suite, the broker's certificate, the
   *     CONNACK, the device certificate's expiry
   * @throws TransportException with the same one-line cause the agent would log (CA, host name,
   *     expiry, rejected device certificate, CONNACK reason code, unreachable)
   */
  public static String run(Provisioning provisioning, MqttConfig mqtt, Duration timeout) throws TransportException {
    DeviceTls tls = DeviceTls.load(provisioning);
    String host = provisioning.endpoint().getHost();
    String endpoint = ConnectOptions.endpoint(provisioning.endpoint());
    // a clean session that ends with the check: the agent's own session is left as it is
    MqttConnectionOptions options = ConnectOptions.of(tls, mqtt, timeout, true, 0L);
    MqttAsyncClient client = null;
    int attempt = tls.attempt();
    try {
      client = new MqttAsyncClient(ConnectOptions.serverUri(provisioning.endpoint()), provisioning.deviceId(), new MemoryPersistence());
      IMqttToken token = client.connect(options);
      token.waitForCompletion(timeout.toMillis());
      String report = report(endpoint, provisioning.deviceId(), tls, token.getResponseProperties());
      client.disconnect().waitForCompletion(timeout.toMillis());
      return report;
    } catch (MqttException e) {
      throw ConnectFailures.map(endpoint, host, tls.brokerVerifiedSince(attempt), e);
    } finally {
      if (client != null) {
        try {
          client.close(true);
        } catch (MqttException e) {
          // nothing left to release that matters to a one-shot check
        }
      }
    }
  }

  private static String report(String endpoint, String deviceId, DeviceTls tls, MqttProperties connack) {
    StringBuilder text = new StringBuilder("MQTT connect ").append(endpoint).append(" as ").append(deviceId).append(": ok\n");
    tls.lastHandshake().ifPresent(h -> text.append("  TLS: ").append(h.protocol()).append(' ').append(h.cipherSuite())
        .append(", broker certificate ").append(h.brokerSubject()).append(" valid until ").append(h.brokerNotAfter()).append('\n'));
    text.append("  MQTT v5: CONNACK ").append(ReasonCodes.describe(0));
    if (connack != null && connack.getReceiveMaximum() != null) {
      text.append(", broker receive maximum ").append(connack.getReceiveMaximum());
    }
    if (connack != null && connack.getServerKeepAlive() != null) {
      text.append(", server keep alive ").append(connack.getServerKeepAlive()).append(" s");
    }
    Instant notAfter = tls.deviceCertificate().getNotAfter().toInstant();
    text.append("\n  device certificate ").append(tls.deviceCertificate().getSubjectX500Principal().getName())
        .append(" valid until ").append(notAfter).append(" (")
        .append(Duration.between(Clock.systemUTC().instant(), notAfter).toDays()).append(" days left)\n");
    return text.toString();
  }
}
