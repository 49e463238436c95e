package org.sensoragent.agent.queue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.config.QueueConfig;
import org.sensoragent.agent.log.Logging;
import org.sensoragent.drivers.Quantity;

/**
 * The process {@link QueueCrashTest} kills: appends rounds until killed and prints each one only
 * after append() returned, so a printed round is one the sampler was told is stored. It also
 * acknowledges the oldest readings now and then, so kills land around bulk deletes too.
 *
 * <p>Prints {@code STORED <round> <seq> <seq> <seq>} and {@code ACKED <seq>...}.
 */
public final class QueueCrashChild {

  static final int READINGS_PER_ROUND = 3;
  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private QueueCrashChild() {}

  /** @param args the queue file, the first round's number */
  public static void main(String[] args) throws Exception {
    Logging.configure("warn"); // not the driver's TRACE lines: stdout is the report channel
    Path file = Path.of(args[0]);
    long round = Long.parseLong(args[1]);
    QueueConfig config = new QueueConfig(file, 1_000_000, 1L << 30, "full");
    try (SqliteReadingQueue queue = SqliteReadingQueue.open(config, "crash-test-boot", Clock.systemUTC())) {
      for (; ; round++) {
        List<Reading> stored = queue.append(round(round));
        StringBuilder line = new StringBuilder("STORED ").append(round);
        stored.forEach(reading -> line.append(' ').append(reading.seq()));
        System.out.println(line);
        if (round % 3 == 0) {
          List<Reading> sent = queue.peek(10);
          queue.remove(sent);
          StringBuilder acked = new StringBuilder("ACKED");
          sent.forEach(reading -> acked.append(' ').append(reading.seq()));
          System.out.println(acked);
        }
        System.out.flush();
      }
    }
  }

  /** Round {@code n}: sensors s0..s2, value n, taken at T0 + n seconds; so a row tells its round. */
  static List<Reading> round(long n) {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < READINGS_PER_ROUND; i++) {
      readings.add(Reading.of("s" + i, Quantity.TEMPERATURE, n, T0.plusSeconds(n)));
    }
    return readings;
  }
}
