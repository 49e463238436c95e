package org.sensoragent.agent.systemd;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.tinylog.Logger;

/**
 * The service side of sd_notify(3): one datagram per state change on the AF_UNIX socket systemd
 * names in {@code $NOTIFY_SOCKET} (a path, or {@code @name} in the abstract namespace). Under
 * {@code Type=notify} systemd waits for {@link #ready()}; with {@code WatchdogSec=} it restarts the
 * service unless {@link #watchdog()} arrives at least every {@code $WATCHDOG_USEC}.
 *
 * <p>A no-op where {@code NOTIFY_SOCKET} is unset (the CLI, tests, not under systemd): every method
 * then returns {@code false} and sends nothing. Thread-safe. A failed send is logged once (until a
 * send succeeds again) and never thrown: the caller's work goes on, and systemd, which then hears
 * nothing, acts on its own timeouts. Java 17's {@code DatagramChannel} has no AF_UNIX, hence
 * junixsocket; its JNI library is extracted to {@code java.io.tmpdir} on first use.
 */
public final class SystemdNotify implements Closeable {

  private final AFUNIXSocketAddress target;
  private final Duration watchdogTimeout;
  private AFUNIXDatagramChannel channel;
  private boolean failing;

  private SystemdNotify(AFUNIXSocketAddress target, Duration watchdogTimeout) {
    this.target = target;
    this.watchdogTimeout = watchdogTimeout;
  }

  /** From the process environment, as systemd sets it for the service's main process. */
  public static SystemdNotify fromEnvironment() {
    return of(System.getenv(), ProcessHandle.current().pid());
  }

  /**
   * From {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC} and {@code WATCHDOG_PID} in {@code env}.
   * The watchdog is off when {@code WATCHDOG_PID} names another process (sd_watchdog_enabled(3)).
   * A malformed value is logged as a warning and treated as unset.
   */
  public static SystemdNotify of(Map<String, String> env, long pid) {
    AFUNIXSocketAddress target = address(env.get("NOTIFY_SOCKET"));
    Duration timeout = null;
    String usec = env.get("WATCHDOG_USEC");
    String watchdogPid = env.get("WATCHDOG_PID");
    if (target != null && usec != null && (watchdogPid == null || watchdogPid.equals(Long.toString(pid)))) {
      try {
        long micros = Long.parseLong(usec);
        timeout = micros > 0 ? Duration.ofNanos(micros * 1000) : null;
      } catch (NumberFormatException e) {
        Logger.warn("systemd: WATCHDOG_USEC=\"{}\" is not a number; watchdog not fed", usec);
      }
    }
    return new SystemdNotify(target, timeout);
  }

  private static AFUNIXSocketAddress address(String socket) {
    if (socket == null || socket.isEmpty()) {
      return null;
    }
    try {
      if (socket.startsWith("@")) {
        return AFUNIXSocketAddress.inAbstractNamespace(socket.substring(1));
      }
      if (socket.startsWith("/")) {
        return AFUNIXSocketAddress.of(Path.of(socket));
      }
    } catch (SocketException | RuntimeException | LinkageError e) {
      Logger.error("systemd: cannot use NOTIFY_SOCKET={}: {}", socket, e.toString());
      return null;
    }
    // systemd also passes vsock:CID:PORT for VMs; an agent on a Pi never gets one.
    Logger.warn("systemd: NOTIFY_SOCKET={} is neither a path nor @abstract; not notifying", socket);
    return null;
  }

  /** True when a notify socket was given, i.e. the process runs as a systemd notify service. */
  public boolean enabled() {
    return target != null;
  }

  /**
   * How often to call {@link #watchdog()}: half of {@code WatchdogSec=}, as systemd recommends;
   * empty when systemd runs no watchdog for this process. The sampling loop must call at least
   * this often, even when its own interval is longer.
   */
  public Optional<Duration> watchdogInterval() {
    return Optional.ofNullable(watchdogTimeout).map(t -> t.dividedBy(2));
  }

  /** {@code READY=1}: start-up finished; systemd reports the unit started. */
  public boolean ready() {
    return send("READY=1");
  }

  /** {@code WATCHDOG=1}: still alive; call every {@link #watchdogInterval()}. */
  public boolean watchdog() {
    return send("WATCHDOG=1");
  }

  /** {@code STOPPING=1}: shutting down; systemd reports the unit deactivating. */
  public boolean stopping() {
    return send("STOPPING=1");
  }

  /** {@code STATUS=…}: one line shown by {@code systemctl status}; line breaks become spaces. */
  public boolean status(String text) {
    return send("STATUS=" + text.replace('\n', ' ').replace('\r', ' '));
  }

  private synchronized boolean send(String message) {
    if (target == null) {
      return false;
    }
    try {
      if (channel == null) {
        channel = AFUNIXDatagramChannel.open();
      }
      channel.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), target);
      failing = false;
      return true;
    } catch (IOException | RuntimeException | LinkageError e) {
      if (!failing) {
        Logger.warn("systemd: cannot send {} to the notify socket {}: {}", message, target, e.toString());
        failing = true;
      }
      return false;
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
