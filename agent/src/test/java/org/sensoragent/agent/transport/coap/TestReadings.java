package org.sensoragent.agent.transport.coap;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.drivers.Quantity;

/** Readings with distinct values, and the helpers the CoAP tests share. */
final class TestReadings {

  static final String DEVICE = "meeting-room-1";
  private static final Instant START = Instant.ofEpochSecond(1_795_550_000L);
  private static final Pattern VALUE = Pattern.compile("\"v\":(-?[0-9.]+)");

  /** Short timeouts for loopback: a missing answer is noticed in seconds, not minutes. */
  static final CoapSettings FAST =
      new CoapSettings(Duration.ofMillis(200), 1.5f, 3, Duration.ofSeconds(2), Duration.ofMillis(300), 3, 2, 1024);

  private TestReadings() {}

  /** {@code count} readings whose values {@code first, first+1, …} identify them. */
  static List<Reading> batch(int first, int count) {
    List<Reading> readings = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      readings.add(Reading.of("air", Quantity.TEMPERATURE, i, START.plusSeconds(10L * i)).withSeq(i));
    }
    return readings;
  }

  static Provisioning provisioning(URI endpoint, Path dir) {
    return new Provisioning(DEVICE, endpoint, dir, null);
  }

  static PskCredentials credentials(String identity, byte[] key) {
    return new PskCredentials(identity, key, List.of());
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** The values of a SenML pack, as the integers {@link #batch} made them. */
  static Set<Integer> values(String senml) {
    Set<Integer> values = new TreeSet<>();
    Matcher matcher = VALUE.matcher(senml);
    while (matcher.find()) {
      values.add((int) Double.parseDouble(matcher.group(1)));
    }
    return values;
  }

  static Set<Integer> values(List<Reading> readings) {
    Set<Integer> values = new TreeSet<>();
    readings.forEach(reading -> values.add((int) reading.value()));
    return values;
  }
}
