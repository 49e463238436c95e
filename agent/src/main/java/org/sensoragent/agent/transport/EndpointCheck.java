package org.sensoragent.agent.transport;

import java.io.IOException;
import org.sensoragent.agent.config.AgentConfig;
import org.sensoragent.agent.config.ConfigException;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.transport.coap.CoapTransport;
import org.sensoragent.agent.transport.mqtt.MqttConnectCheck;

/**
 * {@code check --connect}: one real handshake with the provisioned endpoint and credentials —
 * TLS + MQTT CONNECT for {@code mqtts://}, a DTLS handshake and CoAP ping for {@code coaps://}.
 * Sends no reading. Blocks up to the transport's timeouts.
 */
public final class EndpointCheck {

  private EndpointCheck() {}

  /**
   * @return a few lines for the operator on success
   * @throws IOException with the one-line cause the agent would log (a {@link TransportException})
   * @throws ConfigException when the credentials cannot be loaded
   */
  public static String connect(AgentConfig config, Provisioning provisioning) throws IOException, ConfigException {
    return switch (provisioning.scheme()) {
      case MQTTS -> MqttConnectCheck.run(provisioning, config);
      case COAPS -> {
        try (CoapTransport transport = CoapTransport.create(provisioning)) {
          transport.connect();
          yield "coaps: DTLS handshake and CoAP ping ok with " + transport.describe();
        }
      }
    };
  }
}
