package org.sensoragent.agent.transport;

import java.math.BigDecimal;
import java.util.List;
import org.sensoragent.agent.Reading;

/**
 * Encodes readings as one SenML JSON pack (RFC 8428), in exactly the form DESIGN.md shows: base
 * name {@code urn:dev:sensor-agent:<device>:}, base time = the first reading's time, and per record
 * {@code n}, {@code u}, {@code v} and {@code t} relative to the base time, in seconds with
 * millisecond precision. Stateless and thread-safe.
 */
public final class Senml {

  public static final String CONTENT_TYPE = "application/senml+json";
  /** CoAP content-format of application/senml+json (RFC 8428, section 12.3). */
  public static final int COAP_CONTENT_FORMAT = 110;

  private Senml() {}

  public static String baseName(String deviceId) {
    return "urn:dev:sensor-agent:" + deviceId + ":";
  }

  /** @throws IllegalArgumentException for an empty list: SenML has no empty pack worth sending */
  public static String encode(String deviceId, List<Reading> readings) {
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("a SenML pack needs at least one reading");
    }
    long baseMillis = readings.get(0).time().toEpochMilli();
    StringBuilder json = new StringBuilder(64 + 64 * readings.size()).append('[');
    for (int i = 0; i < readings.size(); i++) {
      Reading reading = readings.get(i);
      json.append(i == 0 ? "{" : ",{");
      if (i == 0) {
        json.append("\"bn\":");
        appendString(json, baseName(deviceId));
        json.append(",\"bt\":").append(seconds(baseMillis)).append(',');
      }
      json.append("\"n\":");
      appendString(json, reading.senmlName());
      json.append(",\"u\":");
      appendString(json, reading.quantity().senmlUnit());
      json.append(",\"v\":").append(reading.value());
      json.append(",\"t\":").append(seconds(reading.time().toEpochMilli() - baseMillis)).append('}');
    }
    return json.append(']').toString();
  }

  /** Seconds with at most millisecond digits and always a fraction: 1795550000.0, 10.25. */
  static String seconds(long millis) {
    BigDecimal seconds = BigDecimal.valueOf(millis, 3).stripTrailingZeros();
    return seconds.scale() <= 0 ? seconds.setScale(1).toPlainString() : seconds.toPlainString();
  }

  private static void appendString(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
