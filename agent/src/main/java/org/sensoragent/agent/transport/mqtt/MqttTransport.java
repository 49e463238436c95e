package org.sensoragent.agent.transport.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.config.DeviceConfig;
import org.sensoragent.agent.config.MqttConfig;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.transport.Transport;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;
import org.tinylog.Logger;

/**
 * MQTT v5 over mutual TLS (Eclipse Paho): client id = device id, a retained {@code online} birth
 * and {@code offline} will on {@code {site}/{room}/status}, SenML packs per sensor quantity topic.
 *
 * <p>The first connect of an instance starts a clean session; later connects resume it (session
 * expiry {@link #SESSION_EXPIRY}), so one instance should live as long as the process. Paho's
 * automatic reconnect is off and its persistence in memory: the queue is the durable copy and the
 * Forwarder reconnects by calling {@link #connect()} again. Not thread-safe: one Forwarder thread
 * calls it. Failures are thrown, not logged, so the Forwarder logs each once; the transport itself
 * logs only connects and certificate-expiry warnings.
 */
public final class MqttTransport implements Transport {

  /** How long the broker keeps the session after the connection drops. */
  public static final Duration SESSION_EXPIRY = Duration.ofHours(1);
  /** Messages in flight at once; Paho's limit is the broker's Receive Maximum, whichever is lower wins. */
  static final int MAX_WINDOW = 64;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** MQTT v5 DISCONNECT reason 0x04: the broker publishes the will, i.e. the retained "offline". */
  private static final int DISCONNECT_WITH_WILL = 0x04;

  /**
   * Paho logs connection trouble through java.util.logging to stderr, in another format and
   * besides the one line our TransportException gives; kept referenced so the level sticks.
   */
  private static final java.util.logging.Logger PAHO_LOG = quietPaho();

  private final Provisioning provisioning;
  private final MqttConfig config;
  private final Topics topics;
  private final Clock clock;
  private final Duration timeout;
  private final String endpoint;
  private final String serverUri;
  private DeviceTls tls;
  private CertificateExpiryWarner expiry;
  private MqttAsyncClient client;
  private boolean sessionStarted;
  /** A connection was made and its loss may still be being torn down by Paho. */
  private boolean wasConnected;
  private int window = 1;
  private volatile CompletableFuture<String> lost = CompletableFuture.completedFuture("not connected");

  public MqttTransport(Provisioning provisioning, DeviceConfig device, MqttConfig config) {
    this(provisioning, device, config, Clock.systemUTC(), DEFAULT_TIMEOUT);
  }

  /** @param timeout longest wait for a CONNACK, and for progress while acknowledgements are due */
  public MqttTransport(Provisioning provisioning, DeviceConfig device, MqttConfig config, Clock clock, Duration timeout) {
    if (provisioning.scheme() != Provisioning.Scheme.MQTTS) {
      throw new IllegalArgumentException("MqttTransport needs an mqtts:// endpoint, got " + provisioning.endpoint());
    }
    this.provisioning = provisioning;
    this.config = config;
    this.topics = new Topics(device, config);
    this.clock = clock;
    this.timeout = timeout;
    this.endpoint = ConnectOptions.endpoint(provisioning.endpoint());
    this.serverUri = ConnectOptions.serverUri(provisioning.endpoint());
  }

  /** Blocks for the TLS handshake, the CONNACK and the birth message's acknowledgement. */
  @Override
  public void connect() throws TransportException {
    if (client != null && client.isConnected()) {
      return;
    }
    if (tls == null) {
      tls = DeviceTls.load(provisioning);
      expiry = new CertificateExpiryWarner(tls.deviceCertificate(), clock);
    }
    expiry.check();
    awaitTeardown();
    boolean cleanStart = !sessionStarted;
    int attempt = tls.attempt();
    IMqttToken token;
    try {
      if (client == null) {
        client = new MqttAsyncClient(serverUri, provisioning.deviceId(), new MemoryPersistence());
        client.setCallback(new ConnectionWatch());
      }
      lost = new CompletableFuture<>();
      token = client.connect(options(cleanStart));
      token.waitForCompletion(timeout.toMillis());
    } catch (MqttException e) {
      boolean handshakeCompleted = tls.brokerVerifiedSince(attempt);
      throw ConnectFailures.map(endpoint, provisioning.endpoint().getHost(), handshakeCompleted, e);
    }
    if (cleanStart && token.getSessionPresent()) {
      // MQTT 5.0 section 3.2.2.1.1: a client without session state must close the connection
      dropConnection();
      throw new TransportException(Retry.SOON, "MQTT protocol error: " + endpoint + " claimed a session for "
          + provisioning.deviceId() + " after a clean start; connection closed");
    }
    if (!cleanStart && !token.getSessionPresent()) {
      Logger.info("{} had no session for {} any more; a new one started", endpoint, provisioning.deviceId());
    }
    sessionStarted = true;
    wasConnected = true;
    MqttProperties connack = token.getResponseProperties();
    Integer receiveMaximum = connack == null ? null : connack.getReceiveMaximum();
    window = Math.min(MAX_WINDOW, receiveMaximum == null ? 65_535 : receiveMaximum);
    birth();
    Logger.info("connected to {} as {} ({}, session {}, {} messages in flight)", endpoint, provisioning.deviceId(),
        tls.lastHandshake().map(h -> h.protocol() + " " + h.cipherSuite()).orElse("TLS"),
        cleanStart ? "new" : token.getSessionPresent() ? "resumed" : "lost", window);
  }

  /**
   * Sends the batch grouped per topic as SenML packs, several in flight, and blocks until all are
   * acknowledged (QoS 1/2) or written (QoS 0).
   *
   * @throws TransportException SOON when not connected or the connection was lost; with a PUBACK
   *     error code, SLOWLY for refusals such as 0x87 Not authorized; {@link
   *     TransportException#acknowledged()} holds the readings whose messages were acknowledged
   */
  @Override
  public void publish(List<Reading> batch) throws TransportException {
    if (batch.isEmpty()) {
      return;
    }
    if (client == null || !client.isConnected()) {
      throw new TransportException(Retry.SOON, "MQTT publish to " + endpoint + ": not connected");
    }
    expiry.check();
    new BatchPublisher(client, topics, provisioning.deviceId(), config.qos(), window, timeout, endpoint)
        .publish(batch, lost);
  }

  @Override
  public String describe() {
    return endpoint + " as " + provisioning.deviceId() + ", MQTT v5, QoS " + config.qos() + ", topics " + topics.of(
        Reading.of("{sensor}", org.sensoragent.drivers.Quantity.TEMPERATURE, 0, clock.instant())).replace("temperature", "{quantity}")
        + (config.username().isEmpty() ? "" : ", user " + config.username());
  }

  /**
   * Ends the session: DISCONNECT with reason 0x04 so the broker publishes the retained "offline"
   * will, session expiry 0 so it forgets the session. Blocks up to the timeout.
   */
  @Override
  public void close() throws IOException {
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        MqttProperties properties = new MqttProperties();
        properties.setSessionExpiryInterval(0L);
        client.disconnect(timeout.toMillis(), null, null, DISCONNECT_WITH_WILL, properties)
            .waitForCompletion(timeout.toMillis());
      }
    } catch (MqttException e) {
      Logger.debug("DISCONNECT from {} failed ({}); closing anyway", endpoint, e.getMessage());
    } finally {
      try {
        client.close(true);
      } catch (MqttException e) {
        Logger.debug("closing the MQTT client failed: {}", e.getMessage());
      }
      client = null;
      sessionStarted = false; // a new client holds no session state: the next connect starts clean
      wasConnected = false;
    }
  }

  /** Paho refuses a connect while it still tears the lost connection down; its callback ends that. */
  private void awaitTeardown() throws TransportException {
    if (!wasConnected) {
      return;
    }
    try {
      lost.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      wasConnected = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(Retry.SOON, "interrupted while " + endpoint + " was being disconnected");
    } catch (ExecutionException | TimeoutException e) {
      throw new TransportException(Retry.SOON, "the lost connection to " + endpoint + " did not close within "
          + timeout.toSeconds() + " s");
    }
  }

  private MqttConnectionOptions options(boolean cleanStart) throws TransportException {
    MqttConnectionOptions options = ConnectOptions.of(tls, config, timeout, cleanStart, SESSION_EXPIRY.toSeconds());
    options.setRequestProblemInfo(true);
    MqttMessage will = new MqttMessage("offline".getBytes(StandardCharsets.UTF_8), 1, true, null);
    options.setWill(topics.status(), will);
    options.setWillMessageProperties(textProperties());
    return options;
  }

  private void birth() throws TransportException {
    MqttMessage online = new MqttMessage("online".getBytes(StandardCharsets.UTF_8), 1, true, textProperties());
    try {
      IMqttToken token = client.publish(topics.status(), online);
      token.waitForCompletion(timeout.toMillis());
      int code = ReasonCodes.first(token);
      if (ReasonCodes.isError(code)) {
        throw new TransportException(ReasonCodes.pubackRetry(code), "MQTT birth message on " + topics.status()
            + " refused by " + endpoint + ": PUBACK " + ReasonCodes.describe(code));
      }
    } catch (MqttException e) {
      throw new TransportException(Retry.SOON, "MQTT birth message on " + topics.status() + " to " + endpoint
          + " failed: " + e.getMessage(), e);
    }
  }

  private static MqttProperties textProperties() {
    MqttProperties properties = new MqttProperties();
    properties.setContentType("text/plain");
    properties.setPayloadFormat(true);
    return properties;
  }

  private void dropConnection() {
    try {
      client.disconnectForcibly(0, timeout.toMillis(), false);
    } catch (MqttException e) {
      Logger.debug("dropping the connection to {} failed: {}", endpoint, e.getMessage());
    }
  }

  private static java.util.logging.Logger quietPaho() {
    java.util.logging.Logger paho = java.util.logging.Logger.getLogger("org.eclipse.paho.mqttv5.client");
    paho.setLevel(java.util.logging.Level.OFF);
    return paho;
  }

  /** Paho's callbacks: only the loss of the connection matters to a publisher. */
  private final class ConnectionWatch implements MqttCallback {
    @Override
    public void disconnected(MqttDisconnectResponse response) {
      String reason = response.getReasonString() != null ? response.getReasonString()
          : response.getException() != null ? String.valueOf(response.getException().getMessage())
          : ReasonCodes.describe(response.getReturnCode());
      lost.complete(reason);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      Logger.debug("MQTT error from {}: {}", endpoint, exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      // the agent subscribes to nothing
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
      // BatchPublisher listens per message
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      // connect() waits for its token
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
      // no enhanced authentication
    }
  }
}
