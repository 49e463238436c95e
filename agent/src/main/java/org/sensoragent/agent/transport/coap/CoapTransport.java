package org.sensoragent.agent.transport.coap;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.MapBasedEndpointContext;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.Bytes;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.config.ConfigException;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.transport.Senml;
import org.sensoragent.agent.transport.Transport;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;
import org.tinylog.Logger;

/**
 * CoAP over DTLS 1.2 with a pre-shared key (Californium + Scandium): each SenML pack is one
 * confirmable POST with content-format 110 to {@code coaps://host:port/path}; a 2.xx response
 * acknowledges the pack. A batch larger than {@link CoapSettings#maxPayloadBytes()} is split into
 * several packs, sent in order; when one fails, the exception names the packs already
 * acknowledged. DTLS Connection ID (RFC 9146) is offered, so a NAT rebinding costs no handshake.
 *
 * <p>Failures map to {@link Retry}: no answer after all retransmissions, 5.xx, or a reset →
 * {@code SOON}; 4.xx (permanent rejection) or a handshake the server refused (wrong PSK or
 * identity) → {@code SLOWLY}. Beyond CoAP's and DTLS's retransmissions the transport retries on its
 * own in one case only: a request on an established session that goes unanswered for {@link
 * CoapSettings#rehandshakeAfter()} transmissions is cancelled and sent once more behind a new
 * handshake, because a restarted server silently drops records of the session it forgot. Not
 * thread-safe: the Forwarder calls it from one thread.
 */
public final class CoapTransport implements Transport {

  public static final int DEFAULT_PORT = 5684;
  public static final String DEFAULT_PATH = "telemetry";

  private final String deviceId;
  private final URI target;
  private final CoapSettings settings;
  private final DTLSConnector connector;
  private final CoapEndpoint endpoint;
  /** The last alert a peer sent us; written by the connector's thread. */
  private final AtomicReference<AlertMessage> peerAlert = new AtomicReference<>();
  private boolean started;
  private boolean connected;
  private EndpointContext session;

  /**
   * Builds the DTLS client (nothing is sent yet).
   *
   * @throws ConfigException when the endpoint is not a usable {@code coaps://} URI
   */
  public CoapTransport(Provisioning provisioning, PskCredentials credentials, CoapSettings settings)
      throws ConfigException {
    this.deviceId = provisioning.deviceId();
    this.target = target(provisioning.endpoint());
    this.settings = settings;
    Configuration configuration = settings.configuration(DtlsConfig.DtlsRole.CLIENT_ONLY);
    byte[] key = credentials.key();
    try {
      DtlsConnectorConfig dtls =
          DtlsConnectorConfig.builder(configuration)
              .setAddress(new InetSocketAddress(0))
              .setAdvancedPskStore(new AdvancedSinglePskStore(credentials.identity(), key))
              .build();
      this.connector = new DTLSConnector(dtls);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    connector.setAlertHandler((peer, alert) -> peerAlert.set(alert));
    this.endpoint =
        new CoapEndpoint.Builder()
            .setConfiguration(configuration)
            .setConnector(connector)
            .build();
  }

  /** The transport a {@code coaps://} provisioning describes, with {@link CoapSettings#LOSSY_LINK}. */
  public static CoapTransport create(Provisioning provisioning) throws ConfigException {
    return new CoapTransport(provisioning, PskCredentials.load(provisioning), CoapSettings.LOSSY_LINK);
  }

  /**
   * The request URI: {@code coaps} only, port {@value #DEFAULT_PORT} and path {@value #DEFAULT_PATH}
   * unless the endpoint names them.
   */
  static URI target(URI endpoint) throws ConfigException {
    if (!"coaps".equals(endpoint.getScheme())) {
      throw new ConfigException("endpoint " + endpoint + ": CoAP needs coaps:// (DTLS); plaintext coap:// is never used");
    }
    if (endpoint.getHost() == null) {
      throw new ConfigException("endpoint " + endpoint + ": has no host");
    }
    if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null || endpoint.getRawUserInfo() != null) {
      throw new ConfigException("endpoint " + endpoint + ": must be coaps://host[:port][/path], without user, query or fragment");
    }
    int port = endpoint.getPort() == -1 ? DEFAULT_PORT : endpoint.getPort();
    String path = endpoint.getPath() == null || endpoint.getPath().isEmpty() || endpoint.getPath().equals("/")
        ? "/" + DEFAULT_PATH : endpoint.getPath();
    try {
      return new URI("coaps", null, endpoint.getHost(), port, path, null, null);
    } catch (URISyntaxException e) {
      throw new ConfigException("endpoint " + endpoint + ": " + e.getMessage());
    }
  }

  /** Performs the DTLS handshake (with a CoAP ping) unless a session is up. */
  @Override
  public void connect() throws IOException {
    start();
    if (connected) {
      return;
    }
    Exchange.Outcome outcome = exchange(() -> {
      Request ping = new Request(null, CoAP.Type.CON); // an empty CON: answered by a reset, "CoAP ping"
      ping.setToken(Token.EMPTY);
      return ping;
    });
    if (outcome.rejected() || outcome.response() != null) {
      established(outcome.response() == null ? null : outcome.response().getSourceContext());
      return;
    }
    throw failure(outcome, "ping", List.of());
  }

  @Override
  public void publish(List<Reading> batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    start();
    List<Reading> acknowledged = new ArrayList<>();
    List<SenmlPacks.Pack> packs = SenmlPacks.split(deviceId, batch, settings.maxPayloadBytes());
    for (SenmlPacks.Pack pack : packs) {
      Exchange.Outcome outcome = exchange(() -> {
        Request post = Request.newPost();
        post.setConfirmable(true);
        post.getOptions().setContentFormat(Senml.COAP_CONTENT_FORMAT);
        post.setPayload(pack.payload());
        return post;
      });
      Response response = outcome.response();
      if (response == null || !response.getCode().isSuccess()) {
        throw failure(outcome, pack.readings().size() + " readings", acknowledged);
      }
      established(response.getSourceContext());
      acknowledged.addAll(pack.readings());
    }
  }

  @Override
  public String describe() {
    return "CoAP over DTLS 1.2 (PSK) to " + target;
  }

  /**
   * The connection ID the server puts into the records it sends us, hex, if one was negotiated
   * (RFC 9146); empty before the first exchange or when the server does not support CIDs.
   */
  Optional<String> connectionId() {
    if (session == null) {
      return Optional.empty();
    }
    Bytes cid = session.get(DtlsEndpointContext.KEY_READ_CONNECTION_ID);
    return cid == null || cid.isEmpty() ? Optional.empty() : Optional.of(cid.getAsString());
  }

  /** The id of the current DTLS session, hex, if one is up: a new one means a new handshake. */
  Optional<String> sessionId() {
    return session == null ? Optional.empty()
        : Optional.ofNullable(session.get(DtlsEndpointContext.KEY_SESSION_ID)).map(Bytes::getAsString);
  }

  /** The cipher suite of the current DTLS session, if one is up. */
  Optional<String> cipherSuite() {
    return session == null ? Optional.empty() : Optional.ofNullable(session.get(DtlsEndpointContext.KEY_CIPHER));
  }

  @Override
  public void close() {
    connected = false;
    endpoint.destroy();
  }

  private void start() throws TransportException {
    if (!started) {
      try {
        endpoint.start();
      } catch (IOException e) {
        throw new TransportException(Retry.SOON, "cannot open a UDP socket for " + target + ": " + e.getMessage(), e);
      }
      started = true;
    }
  }

  /** Resolves the host now (DNS may have changed since the last request) and addresses the request. */
  private void address(Request request) throws TransportException {
    InetAddress address;
    try {
      address = InetAddress.getByName(target.getHost());
    } catch (UnknownHostException e) {
      throw new TransportException(Retry.SOON, "cannot resolve " + target.getHost() + " for " + target, e);
    }
    request.setDestinationContext(new AddressEndpointContext(new InetSocketAddress(address, target.getPort())));
    request.setOptions(target);
  }

  /**
   * Sends the request {@code newRequest} makes and awaits how it ends. On a session that was up, a
   * request whose first {@link CoapSettings#rehandshakeAfter()} transmissions go unanswered is
   * cancelled before its next retransmission and a new copy is sent once, behind a forced
   * handshake: silence is the only sign of a server that restarted and forgot the session, and on
   * a merely lossy link the cost is one handshake, never a second one for the same request. At
   * most one copy is in flight at a time; the server may get both (the lost datagram may have
   * been its answer), as with any retry.
   */
  private Exchange.Outcome exchange(Supplier<Request> newRequest) throws IOException {
    Request request = newRequest.get();
    address(request);
    Exchange.Outcome outcome = await(request, connected ? settings.rehandshakeAfter() : 0);
    if (!outcome.unanswered()) {
      return outcome;
    }
    Logger.debug("no answer from {} after {} transmissions on the DTLS session; handshaking again in case"
        + " the server lost the session (restart)", target, settings.rehandshakeAfter());
    Request again = newRequest.get();
    // resumes the session if the server still has it, else the server falls back to a full handshake
    address(again);
    again.setDestinationContext(MapBasedEndpointContext.addEntries(again.getDestinationContext(),
        DtlsEndpointContext.ATTRIBUTE_HANDSHAKE_MODE_FORCE));
    return await(again, 0);
  }

  private Exchange.Outcome await(Request request, int giveUpAfter) throws InterruptedIOException {
    peerAlert.set(null);
    Exchange exchange = new Exchange(request, giveUpAfter);
    endpoint.sendRequest(request);
    Duration guard = settings.worstCaseExchange();
    try {
      return exchange.outcome().get(guard.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      request.cancel();
      return Exchange.Outcome.timedOut();
    } catch (InterruptedException e) {
      request.cancel();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + target);
    } catch (ExecutionException e) {
      return Exchange.Outcome.failed(e.getCause());
    }
  }

  private void established(EndpointContext context) {
    connected = true;
    if (context == null || context.get(DtlsEndpointContext.KEY_SESSION_ID) == null) {
      return;
    }
    Bytes sessionId = context.get(DtlsEndpointContext.KEY_SESSION_ID);
    if (session == null || !sessionId.equals(session.get(DtlsEndpointContext.KEY_SESSION_ID))) {
      session = context;
      Logger.info("DTLS session with {}:{} up: {}, connection ID {}", target.getHost(), target.getPort(),
          cipherSuite().orElse("unknown cipher suite"), connectionId().map(cid -> "on").orElse("off"));
    }
  }

  /** Turns an unsuccessful outcome into the exception the Forwarder acts on. */
  private TransportException failure(Exchange.Outcome outcome, String what, List<Reading> acknowledged) {
    Response response = outcome.response();
    if (response != null) {
      CoAP.ResponseCode code = response.getCode();
      String answer = code.text + " " + code.name().replace('_', ' ') + diagnostic(response);
      if (code.isClientError()) {
        return new TransportException(Retry.SLOWLY, target + " rejected " + what + " with " + answer
            + " (permanent rejection; the readings stay queued)", acknowledged, null);
      }
      return new TransportException(Retry.SOON, target + " answered " + what + " with " + answer
          + "; retrying later", acknowledged, null);
    }
    forgetSession();
    if (outcome.rejected()) {
      return new TransportException(Retry.SOON, target + " reset the request for " + what + "; retrying later",
          acknowledged, null);
    }
    if (outcome.error() != null) {
      return HandshakeFailures.classify(target, outcome.error(), peerAlert.get(), acknowledged);
    }
    return new TransportException(Retry.SOON, "no answer from " + target + " for " + what + " after "
        + settings.maxRetransmit() + " retransmissions; retrying later", acknowledged, null);
  }

  /** After a timeout the session may be gone at the server (restart): the next request starts a fresh handshake. */
  private void forgetSession() {
    connected = false;
    session = null;
    connector.clearConnectionState();
  }

  private static String diagnostic(Response response) {
    byte[] payload = response.getPayload();
    boolean printable = !response.getOptions().hasContentFormat()
        || MediaTypeRegistry.isPrintable(response.getOptions().getContentFormat());
    if (payload == null || payload.length == 0 || !printable) {
      return "";
    }
    String text = new String(payload, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", " ").strip();
    return text.isEmpty() ? "" : " \"" + (text.length() > 120 ? text.substring(0, 120) + "…" : text) + "\"";
  }
}
