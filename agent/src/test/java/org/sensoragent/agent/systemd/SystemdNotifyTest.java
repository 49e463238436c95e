package org.sensoragent.agent.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The test plays systemd: it binds the notify socket itself and reads what the agent sends. */
class SystemdNotifyTest {

  private static final long PID = 4242;

  @TempDir Path dir;

  @Test
  void readyWatchdogStoppingAndStatusReachAPathSocket() throws Exception {
    Path path = dir.resolve("notify");
    try (AFUNIXDatagramSocket systemd = listen(AFUNIXSocketAddress.of(path));
        SystemdNotify notify = SystemdNotify.of(Map.of("NOTIFY_SOCKET", path.toString()), PID)) {
      assertTrue(notify.enabled());
      assertTrue(notify.ready());
      assertEquals("READY=1", receive(systemd));
      assertTrue(notify.watchdog());
      assertEquals("WATCHDOG=1", receive(systemd));
      assertTrue(notify.status("3 sensors,\n12 queued"));
      assertEquals("STATUS=3 sensors, 12 queued", receive(systemd));
      assertTrue(notify.stopping());
      assertEquals("STOPPING=1", receive(systemd));
    }
  }

  @Test
  void anAtSignNamesTheAbstractNamespace() throws Exception {
    String name = "sensor-agent-test-" + UUID.randomUUID();
    try (AFUNIXDatagramSocket systemd = listen(AFUNIXSocketAddress.inAbstractNamespace(name));
        SystemdNotify notify = SystemdNotify.of(Map.of("NOTIFY_SOCKET", "@" + name), PID)) {
      assertTrue(notify.ready());
      assertEquals("READY=1", receive(systemd));
    }
  }

  @Test
  void withoutNotifySocketEverythingIsANoOp() throws Exception {
    try (SystemdNotify notify = SystemdNotify.of(Map.of("WATCHDOG_USEC", "90000000"), PID)) {
      assertFalse(notify.enabled());
      assertFalse(notify.ready());
      assertFalse(notify.watchdog());
      assertFalse(notify.stopping());
      assertEquals(Optional.empty(), notify.watchdogInterval());
    }
  }

  @Test
  void pingsAtHalfTheWatchdogTimeoutWhenTheWatchdogIsForThisProcess() throws Exception {
    String socket = dir.resolve("notify").toString();
    try (SystemdNotify mine = SystemdNotify.of(Map.of("NOTIFY_SOCKET", socket, "WATCHDOG_USEC", "90000000", "WATCHDOG_PID", "4242"), PID);
        SystemdNotify anyPid = SystemdNotify.of(Map.of("NOTIFY_SOCKET", socket, "WATCHDOG_USEC", "90000000"), PID);
        SystemdNotify other = SystemdNotify.of(Map.of("NOTIFY_SOCKET", socket, "WATCHDOG_USEC", "90000000", "WATCHDOG_PID", "1"), PID);
        SystemdNotify none = SystemdNotify.of(Map.of("NOTIFY_SOCKET", socket), PID)) {
      assertEquals(Optional.of(Duration.ofSeconds(45)), mine.watchdogInterval());
      assertEquals(Optional.of(Duration.ofSeconds(45)), anyPid.watchdogInterval());
      assertEquals(Optional.empty(), other.watchdogInterval());
      assertEquals(Optional.empty(), none.watchdogInterval());
    }
  }

  @Test
  void aSocketNobodyListensOnFailsQuietly() throws Exception {
    try (SystemdNotify notify = SystemdNotify.of(Map.of("NOTIFY_SOCKET", dir.resolve("gone").toString()), PID)) {
      assertTrue(notify.enabled());
      assertFalse(notify.ready());
      assertFalse(notify.watchdog());
    }
  }

  private static AFUNIXDatagramSocket listen(AFUNIXSocketAddress address) throws Exception {
    AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance();
    socket.bind(address);
    socket.setSoTimeout(5000);
    return socket;
  }

  private static String receive(AFUNIXDatagramSocket socket) throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
    socket.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
  }
}
