package org.sensoragent.agent.transport.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;

/**
 * A refused CONNACK as Paho 1.2.5 reports it (an {@link MqttException} carrying the v5 reason code,
 * no cause; see MqttAuthIT for the real one) becomes one message naming code and name, and the
 * right retry: busy or unavailable servers SOON, credential, policy and protocol refusals SLOWLY.
 * Names as in OASIS MQTT 5.0, section 3.2.2.2.
 */
class ConnectFailuresConnackTest {

  static final String ENDPOINT = "mqtts://broker.example:8883";

  @ParameterizedTest(name = "0x{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      80 | Unspecified error            | SLOWLY
      84 | Unsupported Protocol Version | SLOWLY
      85 | Client Identifier not valid  | SLOWLY
      86 | Bad User Name or Password    | SLOWLY
      87 | Not authorized               | SLOWLY
      88 | Server unavailable           | SOON
      89 | Server busy                  | SOON
      8A | Banned                       | SLOWLY
      8C | Bad authentication method    | SLOWLY
      97 | Quota exceeded               | SOON
      9F | Connection rate exceeded     | SOON
      """)
  void aRefusedConnackNamesCodeAndNameInOneMessage(String hex, String name, Retry retry) {
    int code = Integer.parseInt(hex, 16);
    MqttException refusal = new MqttException(code);
    for (boolean brokerVerified : new boolean[] {true, false}) {
      TransportException mapped = ConnectFailures.map(ENDPOINT, "broker.example", brokerVerified, refusal);
      assertEquals("broker " + ENDPOINT + " refused the connection: CONNACK 0x" + hex + " " + name, mapped.getMessage());
      assertEquals(retry, mapped.retry(), mapped.getMessage());
      assertSame(refusal, mapped.getCause());
    }
    assertEquals("0x" + hex + " " + name, ReasonCodes.describe(code));
    assertEquals(retry, ReasonCodes.connackRetry(code));
  }

  @ParameterizedTest
  @CsvSource({"0xA5, 0xA5 (unknown reason code)", "0xFE, 0xFE (unknown reason code)"})
  void aCodeNotInTheStandardStillShowsTheCodeAndIsRetriedSlowly(String hex, String described) {
    int code = Integer.decode(hex);
    TransportException mapped = ConnectFailures.map(ENDPOINT, "broker.example", true, new MqttException(code));
    assertEquals("broker " + ENDPOINT + " refused the connection: CONNACK " + described, mapped.getMessage());
    assertEquals(Retry.SLOWLY, mapped.retry());
  }
}
