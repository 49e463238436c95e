package org.sensoragent.agent.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The test plays systemd with a 90 s watchdog and moves the monotonic clock by hand. */
class WatchdogFeederTest {

  @TempDir Path dir;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Test
  void pingsWhileTheSamplerFinishesRoundsAndFallsSilentWhenItHangs() throws Exception {
    Path path = dir.resolve("notify");
    try (AFUNIXDatagramSocket systemd = listen(path);
        SystemdNotify notify = SystemdNotify.of(
            Map.of("NOTIFY_SOCKET", path.toString(), "WATCHDOG_USEC", "90000000"), 7)) {
      // sensors read every 5 minutes: a healthy round may be 5 m + 5 s apart
      WatchdogFeeder feeder = new WatchdogFeeder(notify, Duration.ofMinutes(5).plusSeconds(5), nanos::get);

      advance(Duration.ofMinutes(4));
      assertTrue(feeder.feed(), "a sampler between two rounds of a slow sensor is alive");
      assertEquals("WATCHDOG=1", receive(systemd));

      feeder.roundDone();
      advance(Duration.ofMinutes(5).plusSeconds(50));
      assertTrue(feeder.feed());
      assertEquals("WATCHDOG=1", receive(systemd));

      advance(Duration.ofMinutes(1));
      assertFalse(feeder.feed(), "no round for longer than the longest interval, a timeout and a watchdog period: hung");
      assertNoMessage(systemd);

      feeder.roundDone();
      assertTrue(feeder.feed(), "a sampler that finishes a round again is fed again");
      assertEquals("WATCHDOG=1", receive(systemd));
    }
  }

  @Test
  void withoutAWatchdogNothingIsScheduledOrSent() {
    SystemdNotify notify = SystemdNotify.of(Map.of(), 7);
    try (WatchdogFeeder feeder = new WatchdogFeeder(notify, Duration.ofSeconds(10), nanos::get)) {
      feeder.start();
      assertFalse(feeder.feed());
    }
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  private static AFUNIXDatagramSocket listen(Path path) throws Exception {
    AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance();
    socket.bind(AFUNIXSocketAddress.of(path));
    socket.setSoTimeout(5000);
    return socket;
  }

  private static String receive(AFUNIXDatagramSocket socket) throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[256], 256);
    socket.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
  }

  private static void assertNoMessage(AFUNIXDatagramSocket socket) throws Exception {
    socket.setSoTimeout(200);
    try {
      String got = receive(socket);
      throw new AssertionError("expected silence, got " + got);
    } catch (SocketTimeoutException expected) {
      // silence: the watchdog will fire
    } finally {
      socket.setSoTimeout(5000);
    }
  }
}
