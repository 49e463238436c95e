package org.sensoragent.agent.transport.mqtt;

import java.net.URI;
import java.time.Duration;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.sensoragent.agent.config.MqttConfig;
import org.sensoragent.agent.transport.TransportException;

/**
 * How the agent reaches its broker, for the transport and for {@code check --connect} alike: mutual
 * TLS with the broker's host name verified (without it, {@link TlsSocketFactory} checks the chain
 * only), no automatic reconnect (the Forwarder owns reconnects), the configured keep-alive and login.
 */
final class ConnectOptions {

  private static final int DEFAULT_PORT = 8883;

  private ConnectOptions() {}

  /** {@code mqtts://host:port}, as messages name the broker. */
  static String endpoint(URI broker) {
    return "mqtts://" + broker.getHost() + ":" + port(broker);
  }

  /** {@code ssl://host:port}, as Paho wants it. */
  static String serverUri(URI broker) {
    return "ssl://" + broker.getHost() + ":" + port(broker);
  }

  /** @param timeout the longest wait for a CONNACK; at least a second */
  static MqttConnectionOptions of(DeviceTls tls, MqttConfig config, Duration timeout, boolean cleanStart,
      long sessionExpirySeconds) throws TransportException {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(cleanStart);
    options.setSessionExpiryInterval(sessionExpirySeconds);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
    options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
    options.setSocketFactory(tls.socketFactory());
    options.setHttpsHostnameVerificationEnabled(true);
    if (!config.username().isEmpty()) {
      options.setUserName(config.username());
      options.setPassword(MqttPassword.read(config));
    }
    return options;
  }

  private static int port(URI broker) {
    return broker.getPort() < 0 ? DEFAULT_PORT : broker.getPort();
  }
}
