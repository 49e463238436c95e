package org.sensoragent.agent.transport.mqtt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto (Debian package {@code mosquitto}) on a free loopback port, over mutual TLS:
 * {@code require_certificate true}, {@code use_identity_as_username true} (the client
 * certificate's CN is the user name the ACL sees; with {@link Extra#passwords()} clients log in
 * instead, on top of their certificate), TLS 1.2 minimum. Started and stopped by the
 * test; {@link #stop()} then {@link #start()} restarts it on the same port, without persistence
 * unless asked for.
 * Reusable by any integration test or benchmark. Not thread-safe.
 */
public final class MosquittoBroker implements AutoCloseable {

  /**
   * Optional settings beyond the defaults.
   *
   * @param passwords user name to password, written with {@code mosquitto_passwd}; when not empty,
   *     clients log in with these (the ACL's users are these names) and {@code
   *     use_identity_as_username} is off, while the client certificate is still required
   * @param logPackets mosquitto's {@code log_type debug}: every packet sent and received appears in
   *     {@link #log()}, e.g. {@code Received PUBREL from meeting-room-1 (Mid: 3)}
   */
  public record Extra(Map<String, String> passwords, boolean logPackets) {
    public static final Extra NONE = new Extra(Map.of(), false);
  }

  private final Path dir;
  private final Path config;
  private final int port;
  private final List<String> log = new ArrayList<>();
  private Process process;

  private MosquittoBroker(Path dir, Path config, int port) {
    this.dir = dir;
    this.config = config;
    this.port = port;
  }

  /**
   * Writes {@code mosquitto.conf} into {@code dir} and starts the broker.
   *
   * @param acl the ACL file's text (users are certificate CNs), or null for none
   */
  public static MosquittoBroker start(Path dir, Path caFile, TestPki.Identity server, String acl) throws IOException {
    return start(dir, caFile, server, acl, false);
  }

  /**
   * As {@link #start(Path, Path, TestPki.Identity, String)}; with {@code persistent}, mosquitto
   * saves sessions, subscriptions and queued QoS 1/2 messages in {@code dir} when stopped and
   * restores them on {@link #start()}, so a subscriber with a persistent session misses nothing
   * published while it reconnects after a restart.
   */
  public static MosquittoBroker start(Path dir, Path caFile, TestPki.Identity server, String acl, boolean persistent)
      throws IOException {
    return start(dir, caFile, server, acl, persistent, Extra.NONE);
  }

  /** As {@link #start(Path, Path, TestPki.Identity, String)}, with the given extra settings. */
  public static MosquittoBroker start(Path dir, Path caFile, TestPki.Identity server, String acl, Extra extra)
      throws IOException {
    return start(dir, caFile, server, acl, false, extra);
  }

  private static MosquittoBroker start(Path dir, Path caFile, TestPki.Identity server, String acl, boolean persistent,
      Extra extra) throws IOException {
    Tools.require("mosquitto", "mosquitto");
    Files.createDirectories(dir);
    int port = freePort();
    StringBuilder conf = new StringBuilder()
        .append("per_listener_settings false\n")
        .append(persistent ? "persistence true\npersistence_location " + dir.toAbsolutePath() + "/\n" : "persistence false\n")
        .append("log_dest stderr\nlog_type error\nlog_type warning\nlog_type notice\nlog_type information\n")
        .append(extra.logPackets() ? "log_type debug\n" : "")
        .append("connection_messages true\n")
        .append("user ").append(System.getProperty("user.name")).append('\n') // as root, stay root: keys are 0600
        .append("allow_anonymous false\n")
        .append("listener ").append(port).append(" 127.0.0.1\n")
        .append("cafile ").append(caFile.toAbsolutePath()).append('\n')
        .append("certfile ").append(server.cert().toAbsolutePath()).append('\n')
        .append("keyfile ").append(server.key().toAbsolutePath()).append('\n')
        .append("require_certificate true\n")
        .append("use_identity_as_username ").append(extra.passwords().isEmpty()).append('\n')
        .append("tls_version tlsv1.2\n")
        .append("set_tcp_nodelay true\n");
    if (!extra.passwords().isEmpty()) {
      conf.append("password_file ").append(passwordFile(dir, extra.passwords()).toAbsolutePath()).append('\n');
    }
    if (acl != null) {
      Path aclFile = dir.resolve("acl");
      Files.writeString(aclFile, acl);
      conf.append("acl_file ").append(aclFile.toAbsolutePath()).append('\n');
    }
    Path config = dir.resolve("mosquitto.conf");
    Files.writeString(config, conf);
    MosquittoBroker broker = new MosquittoBroker(dir, config, port);
    broker.start();
    return broker;
  }

  public int port() {
    return port;
  }

  /** Starts (again) and returns once mosquitto says it is running. */
  public void start() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    process = new ProcessBuilder(Tools.require("mosquitto", "mosquitto").toString(), "-c", config.toString())
        .directory(dir.toFile()).redirectErrorStream(true).start();
    CountDownLatch running = new CountDownLatch(1);
    Process started = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          synchronized (log) {
            log.add(line);
            log.notifyAll();
          }
          if (line.contains(" running")) {
            running.countDown();
          }
        }
      } catch (IOException e) {
        // the process ended; the log says what it printed
      }
      running.countDown();
    }, "mosquitto-log-" + port);
    reader.setDaemon(true);
    reader.start();
    try {
      if (!running.await(20, TimeUnit.SECONDS) || !process.isAlive()) {
        throw new IOException("mosquitto did not start on port " + port + ":\n" + log());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting mosquitto", e);
    }
  }

  /** Stops the broker (SIGTERM, then waits). Clients see their connections drop. */
  public void stop() throws IOException {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping mosquitto", e);
    }
  }

  /** Everything mosquitto logged so far. */
  public String log() {
    synchronized (log) {
      return String.join("\n", log);
    }
  }

  /**
   * Waits (up to {@code seconds}, then fails) until mosquitto logged at least {@code count} lines
   * containing {@code text}; returns all such lines logged so far.
   */
  public List<String> awaitLog(String text, int count, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (log) {
      while (true) {
        List<String> lines = logLines(text);
        if (lines.size() >= count) {
          return lines;
        }
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (leftMillis <= 0) {
          throw new AssertionError("mosquitto logged " + lines.size() + " of " + count + " lines containing \"" + text
              + "\" within " + seconds + " s:\n" + String.join("\n", log));
        }
        log.wait(leftMillis);
      }
    }
  }

  /** Lines mosquitto logged so far that contain {@code text}. */
  public List<String> logLines(String text) {
    synchronized (log) {
      return log.stream().filter(line -> line.contains(text)).toList();
    }
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  /** Writes mosquitto's password file with {@code mosquitto_passwd -b} (Debian package {@code mosquitto}). */
  private static Path passwordFile(Path dir, Map<String, String> passwords) throws IOException {
    Path tool = Tools.require("mosquitto_passwd", "mosquitto");
    Path file = dir.resolve("passwd");
    boolean create = true;
    for (Map.Entry<String, String> user : passwords.entrySet()) {
      List<String> command = new ArrayList<>(List.of(tool.toString(), "-b"));
      if (create) {
        command.add("-c");
        create = false;
      }
      command.addAll(List.of(file.toString(), user.getKey(), user.getValue()));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
          throw new IOException("mosquitto_passwd failed for user " + user.getKey() + ":\n" + output);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while running mosquitto_passwd", e);
      }
    }
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
