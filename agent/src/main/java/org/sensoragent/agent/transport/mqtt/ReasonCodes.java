package org.sensoragent.agent.transport.mqtt;

import java.util.Map;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.sensoragent.agent.transport.TransportException.Retry;

/**
 * MQTT v5 reason codes (OASIS MQTT 5.0, section 2.4) as the log shows them, and how soon a refusal
 * may turn into a success. Stateless and thread-safe.
 */
final class ReasonCodes {

  /** Codes below this are successes (0x00 Success, 0x10 No matching subscribers). */
  static final int FIRST_ERROR = 0x80;
  static final int NOT_AUTHORIZED = 0x87;

  private static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(0x00, "Success"),
      Map.entry(0x10, "No matching subscribers"),
      Map.entry(0x80, "Unspecified error"),
      Map.entry(0x81, "Malformed Packet"),
      Map.entry(0x82, "Protocol Error"),
      Map.entry(0x83, "Implementation specific error"),
      Map.entry(0x84, "Unsupported Protocol Version"),
      Map.entry(0x85, "Client Identifier not valid"),
      Map.entry(0x86, "Bad User Name or Password"),
      Map.entry(0x87, "Not authorized"),
      Map.entry(0x88, "Server unavailable"),
      Map.entry(0x89, "Server busy"),
      Map.entry(0x8A, "Banned"),
      Map.entry(0x8C, "Bad authentication method"),
      Map.entry(0x8E, "Session taken over"),
      Map.entry(0x90, "Topic Name invalid"),
      Map.entry(0x91, "Packet Identifier in use"),
      Map.entry(0x95, "Packet too large"),
      Map.entry(0x97, "Quota exceeded"),
      Map.entry(0x99, "Payload format invalid"),
      Map.entry(0x9A, "Retain not supported"),
      Map.entry(0x9B, "QoS not supported"),
      Map.entry(0x9C, "Use another server"),
      Map.entry(0x9D, "Server moved"),
      Map.entry(0x9F, "Connection rate exceeded"));

  private ReasonCodes() {}

  /** The first reason code of an acknowledgement; 0 (success) when the token carries none. */
  static int first(IMqttToken token) {
    int[] codes = token.getReasonCodes();
    return codes == null || codes.length == 0 ? 0 : codes[0];
  }

  static boolean isError(int code) {
    return code >= FIRST_ERROR;
  }

  /** {@code 0x87 Not authorized}. */
  static String describe(int code) {
    return String.format("0x%02X %s", code, NAMES.getOrDefault(code, "(unknown reason code)"));
  }

  /** Whether a code is an MQTT reason code at all; Paho's own client-side codes are 32000 and up. */
  static boolean isReasonCode(int code) {
    return code >= 0 && code <= 0xFF;
  }

  /**
   * A refused CONNACK: a busy or unavailable server may accept soon; credentials, policy and
   * protocol refusals will not change by retrying, so they are retried slowly.
   */
  static Retry connackRetry(int code) {
    return switch (code) {
      case 0x88, 0x89, 0x97, 0x9F -> Retry.SOON;
      default -> Retry.SLOWLY;
    };
  }

  /** A refused PUBACK/PUBREC: quota and packet-id trouble pass; authorization and format do not. */
  static Retry pubackRetry(int code) {
    return switch (code) {
      case 0x91, 0x97 -> Retry.SOON;
      default -> Retry.SLOWLY;
    };
  }
}
