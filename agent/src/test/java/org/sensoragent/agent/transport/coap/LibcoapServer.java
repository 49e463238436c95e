package org.sensoragent.agent.transport.coap;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * libcoap's example server ({@code coap-server-openssl}, Debian package {@code libcoap3-bin}) as an
 * independent CoAP-over-DTLS peer, run as a child process on loopback. It listens for DTLS on the
 * port after its plain UDP port; {@code -d} lets a POST create {@code /telemetry} (2.01, then
 * 2.04 to later POSTs). Its log (verbosity 7 dumps every PDU) goes to a file the test can read.
 */
final class LibcoapServer implements AutoCloseable {

  static final String BINARY = "coap-server-openssl";
  static final String PACKAGE = "libcoap3-bin";

  private final Process process;
  private final int dtlsPort;
  private final Path log;

  private LibcoapServer(Process process, int dtlsPort, Path log) {
    this.process = process;
    this.dtlsPort = dtlsPort;
    this.log = log;
  }

  /**
   * @param key the PSK as libcoap takes it: the key's bytes as an ASCII string
   * @param extra further options, such as {@code -l 20%} for loss
   * @throws AssertionError naming the package when the binary is not installed
   */
  static LibcoapServer start(String key, Path dir, String... extra) throws IOException {
    Path binary = find();
    int udpPort = freePortPair();
    Path log = dir.resolve("coap-server.log");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "-A", "127.0.0.1", "-p",
        String.valueOf(udpPort), "-k", key, "-h", "sensor-agent-test", "-d", "10", "-v", "7"));
    command.addAll(List.of(extra));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new LibcoapServer(process, udpPort + 1, log);
  }

  URI endpoint() {
    return URI.create("coaps://127.0.0.1:" + dtlsPort + "/telemetry");
  }

  String log() throws IOException {
    return Files.readString(log, StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  private static Path find() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, BINARY);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(BINARY + " is not installed: install the Debian package " + PACKAGE
        + " (apt-get install " + PACKAGE + "); this interoperability test never skips");
  }

  /** A UDP port p on loopback with p+1 free too (libcoap's DTLS port). */
  private static int freePortPair() throws SocketException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 50; attempt++) {
      try (DatagramSocket first = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
        int port = first.getLocalPort();
        if (port >= 65535) {
          continue;
        }
        try (DatagramSocket second = new DatagramSocket(new InetSocketAddress(loopback, port + 1))) {
          return port;
        } catch (SocketException taken) {
          // try another pair
        }
      }
    }
    throw new SocketException("no two adjacent free UDP ports on loopback");
  }
}
