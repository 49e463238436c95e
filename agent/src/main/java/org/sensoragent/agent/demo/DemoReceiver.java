package org.sensoragent.agent.demo;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.transport.Senml;
import org.sensoragent.agent.transport.coap.CoapSettings;

/**
 * The demo's back end: a CoAP-over-DTLS 1.2 server on loopback with one PSK, generated fresh at
 * start and never written anywhere but into a provisioning directory the caller asks for. Its
 * resource {@code /telemetry} takes POSTs of SenML packs (content-format 110), hands each pack to
 * the handler and answers what the handler returns (the demo's handler prints and answers 2.04).
 * Same cipher suites and Connection ID length as the agent; configuration built in code.
 */
public final class DemoReceiver implements Closeable {

  public static final String PATH = "telemetry";
  static final int KEY_BYTES = 16;

  private final String identity;
  private final byte[] key;
  private final CoapServer server;
  private final DTLSConnector connector;

  private DemoReceiver(String identity, byte[] key, CoapServer server, DTLSConnector connector) {
    this.identity = identity;
    this.key = key.clone();
    this.server = server;
    this.connector = connector;
  }

  /** A receiver on an ephemeral loopback port with a fresh PSK that answers 2.04 to every pack. */
  public static DemoReceiver start(Consumer<String> packs) throws IOException {
    return start(0, freshIdentity(), freshKey(), pack -> {
      packs.accept(pack);
      return ResponseCode.CHANGED;
    });
  }

  /**
   * A receiver on a given loopback port ({@code 0}: ephemeral) with the given PSK, answering each
   * pack with what {@code handler} returns (tests answer 4.03 or 5.03 with it).
   *
   * @throws IOException when the port cannot be bound
   */
  public static DemoReceiver start(int port, String identity, byte[] key, Function<String, ResponseCode> handler)
      throws IOException {
    Configuration configuration = CoapSettings.LOSSY_LINK.configuration(DtlsConfig.DtlsRole.SERVER_ONLY);
    AdvancedMultiPskStore psk = new AdvancedMultiPskStore();
    psk.setKey(identity, key);
    DTLSConnector connector =
        new DTLSConnector(
            DtlsConnectorConfig.builder(configuration)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .setAdvancedPskStore(psk)
                .build());
    CoapServer server = new CoapServer(configuration);
    server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(configuration).setConnector(connector).build());
    server.add(new TelemetryResource(handler));
    server.start();
    return new DemoReceiver(identity, key, server, connector);
  }

  /** {@code coaps://127.0.0.1:<port>/telemetry}. */
  public URI endpoint() {
    return URI.create("coaps://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port() + "/" + PATH);
  }

  public int port() {
    return connector.getAddress().getPort();
  }

  public String identity() {
    return identity;
  }

  /** A copy of the key, for a client in the same process. */
  public byte[] key() {
    return key.clone();
  }

  /**
   * Writes a provisioning for this receiver into {@code dir} (created 0700 if absent):
   * {@code provisioning.toml} naming {@code deviceId} and {@link #endpoint()}, {@code psk.identity},
   * and {@code psk.key} in hex with mode 0600. For the demo's temporary directory only.
   */
  public Path writeProvisioning(Path dir, String deviceId) throws IOException {
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(dir.resolve(Provisioning.TOML),
        "device = \"" + deviceId + "\"\nendpoint = \"" + endpoint() + "\"\n");
    Files.writeString(dir.resolve(Provisioning.PSK_IDENTITY), identity + "\n");
    Path keyFile = dir.resolve(Provisioning.PSK_KEY);
    Files.deleteIfExists(keyFile);
    Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(keyFile, HexFormat.of().formatHex(key) + "\n");
    return dir;
  }

  /** Stops the server and wipes the key from memory. */
  @Override
  public void close() {
    server.destroy();
    Arrays.fill(key, (byte) 0);
  }

  private static String freshIdentity() {
    return "demo-" + HexFormat.of().formatHex(bytes(4));
  }

  private static byte[] freshKey() {
    return bytes(KEY_BYTES);
  }

  private static byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  /** {@code /telemetry}: POST of one SenML pack. */
  private static final class TelemetryResource extends CoapResource {
    private final Function<String, ResponseCode> handler;

    TelemetryResource(Function<String, ResponseCode> handler) {
      super(PATH);
      this.handler = handler;
      getAttributes().addContentType(Senml.COAP_CONTENT_FORMAT);
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
      if (exchange.getRequestOptions().getContentFormat() != MediaTypeRegistry.APPLICATION_SENML_JSON) {
        exchange.respond(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, "expected application/senml+json (110)");
        return;
      }
      exchange.respond(handler.apply(new String(exchange.getRequestPayload(), StandardCharsets.UTF_8)));
    }
  }
}
