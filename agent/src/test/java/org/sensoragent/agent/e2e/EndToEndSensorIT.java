package org.sensoragent.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sensoragent.agent.e2e.MqttSite.INTERVAL_MILLIS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DS18B20 behind a fixture 1-Wire tree ({@code [paths] w1}) that disappears, comes back and then
 * returns garbage, beside a simulated sensor: one WARN when it starts failing and one INFO when it
 * recovers, the other sensor never stops delivering, and a {@code crc=.. NO} read is a counted
 * failure, never a reading.
 */
class EndToEndSensorIT {

  static final String ID = "28-0316a2794bff";
  static final String GOOD = "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n";
  static final String CRC_NO = "72 01 4b 46 7f ff 0e 10 57 : crc=57 NO\n72 01 4b 46 7f ff 0e 10 57 t=99125\n";
  static final String SENSORS = """
      [[sensor]]
      name = "window"
      type = "ds18b20"
      id = "%s"
      interval = "1s"

      [[sensor]]
      name = "air"
      type = "simulated"
      interval = "1s"
      """.formatted(ID);
  static final String LABEL = "sensor window (ds18b20 " + ID + ")";

  @TempDir Path dir;
  private MqttSite site;

  @AfterEach
  void tearDown() throws Exception {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void aSensorThatDisappearsIsOneWarningTheOthersKeepDeliveringAndGarbageIsNoReading() throws Exception {
    Path w1 = dir.resolve("w1");
    Path slave = Files.createDirectories(w1.resolve(ID)).resolve("w1_slave");
    write(slave, GOOD);
    site = MqttSite.start(dir, MqttSite.ACL);
    site.observe(site.ca);
    Path config = site.config(SENSORS, "w1 = \"" + w1 + "\"\n");
    AgentProcess agent = site.run("agent", config);
    awaitReadings("window/temperature", 2);
    assertTrue(site.delivered().records("window/temperature").stream().allMatch(r -> r.value() == 23.125),
        "the fixture's 23.125 °C\n" + site.dump());

    Files.delete(slave);
    long deletedAt = System.currentTimeMillis();
    String failing = agent.awaitLine("that the sensor fails", line -> line.startsWith("<4>" + LABEL + ": failing:"));
    assertTrue(failing.contains(slave.toString()), "names the missing file: " + failing);
    awaitCompleteUpTo("air/temperature", deletedAt + 4 * INTERVAL_MILLIS);
    assertEquals(1, agent.count(line -> line.contains(LABEL + ": failing")), "one line, not one per tick\n" + agent.dump());

    write(slave, GOOD);
    agent.awaitLine("that the sensor recovered", line -> line.startsWith("<6>" + LABEL + ": recovered"));
    long restoredAt = System.currentTimeMillis();
    Await.until("window readings again", () -> site.delivered().times("window/temperature").last() > restoredAt, site::dump);

    write(slave, CRC_NO);
    long garbageAt = System.currentTimeMillis();
    String crc = agent.awaitLine("a CRC failure", line -> line.startsWith("<4>" + LABEL + ": failing:") && line.contains("CRC"));
    assertTrue(crc.contains("crc NO") || crc.contains("CRC mismatch"), crc);
    awaitCompleteUpTo("air/temperature", garbageAt + 4 * INTERVAL_MILLIS);

    assertEquals(0, agent.terminate() == 143 ? 0 : 1, "SIGTERM ends the agent\n" + agent.dump());
    Delivered delivered = site.delivered();
    assertNull(delivered.times("window/temperature").higher(garbageAt + INTERVAL_MILLIS),
        "no window reading once its file said crc NO\n" + site.dump());
    assertTrue(delivered.records("window/temperature").stream().allMatch(r -> r.value() == 23.125),
        "never the garbage value\n" + site.dump());
    assertEquals(delivered.missing("air/temperature", INTERVAL_MILLIS, delivered.times("air/temperature").first(),
        delivered.times("air/temperature").last()), java.util.List.of(), "air never missed a boundary\n" + site.dump());
    assertTrue(Summary.last(agent).readErrors() >= 6, "each failed read is counted: " + Summary.last(agent));
  }

  private void awaitReadings(String name, int count) throws Exception {
    Await.until(count + " readings of " + name, () -> site.delivered().times(name).size() >= count, site::dump);
  }

  private void awaitCompleteUpTo(String name, long toMillis) throws Exception {
    Await.until("every " + name + " reading up to " + toMillis,
        () -> site.delivered().complete(name, INTERVAL_MILLIS, toMillis), site::dump);
  }

  /** Replaces the file in one rename, as the kernel presents a whole w1_slave. */
  private static void write(Path file, String content) throws Exception {
    Path tmp = file.resolveSibling("w1_slave.tmp");
    Files.writeString(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
