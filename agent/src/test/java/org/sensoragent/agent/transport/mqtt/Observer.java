package org.sensoragent.agent.transport.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.sensoragent.agent.provisioning.Provisioning;

/**
 * A back end stand-in: a Paho v5 subscriber over mutual TLS that records what arrives, so tests
 * check the topics, payloads, retained flags and content types the broker really delivered.
 */
public final class Observer implements AutoCloseable {

  /** One delivered message. */
  public record Received(String topic, String payload, boolean retained, String contentType) {}

  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  /** Connects with the observer's provisioning (its own certificate) and subscribes at QoS 1. */
  public Observer(Provisioning provisioning, String filter) throws Exception {
    this(provisioning, filter, false);
  }

  /**
   * @param persistent keep the session (clean start off, an hour's expiry), so that after a
   *     broker restart with persistence, {@link #reconnect} gets what was published meanwhile
   */
  public Observer(Provisioning provisioning, String filter, boolean persistent) throws Exception {
    this(provisioning, filter, persistent, 1, null, null);
  }

  /**
   * @param qos the subscription's QoS: 2 for exactly-once delivery to the observer
   * @param userName for a broker that wants a login on top of the certificate, or null
   * @param password with {@code userName}, or null
   */
  public Observer(Provisioning provisioning, String filter, boolean persistent, int qos, String userName, String password)
      throws Exception {
    DeviceTls tls = DeviceTls.load(provisioning);
    String uri = "ssl://" + provisioning.endpoint().getHost() + ":" + provisioning.endpoint().getPort();
    client = new MqttAsyncClient(uri, "observer-" + UUID.randomUUID(), new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        MqttProperties properties = message.getProperties();
        received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained(),
            properties == null ? null : properties.getContentType()));
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    options = new MqttConnectionOptions();
    options.setSocketFactory(tls.socketFactory());
    options.setHttpsHostnameVerificationEnabled(true);
    options.setCleanStart(!persistent);
    if (persistent) {
      options.setSessionExpiryInterval(3600L);
    }
    if (userName != null) {
      options.setUserName(userName);
      options.setPassword(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
    }
    client.connect(options).waitForCompletion(10_000);
    client.subscribe(filter, qos).waitForCompletion(10_000);
  }

  /**
   * Connects again after the broker dropped the connection (a persistent session resumes with its
   * subscription); retries while the broker is still starting, for up to {@code seconds}.
   */
  public void reconnect(int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      try {
        client.connect(options).waitForCompletion(10_000);
        return;
      } catch (MqttException e) {
        if (System.nanoTime() - deadline > 0) {
          throw e;
        }
        if (e.getReasonCode() == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS) {
          // an earlier attempt outlived its wait, and Paho may keep it "in progress" for good: end it
          try {
            client.disconnectForcibly(0, 1_000, false);
          } catch (MqttException stuck) {
            // nothing left to end
          }
        }
        Thread.sleep(100); // Paho is still tearing the lost connection down, or the broker is starting
      }
    }
  }

  /** The next message, or an AssertionError after {@code seconds}. */
  public Received next(int seconds) throws InterruptedException {
    Received message = received.poll(seconds, TimeUnit.SECONDS);
    if (message == null) {
      throw new AssertionError("no message arrived within " + seconds + " s");
    }
    return message;
  }

  /** The next message on {@code topic}, skipping others. */
  public Received next(String topic, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      Received message = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (message == null) {
        throw new AssertionError("no message on " + topic + " within " + seconds + " s");
      }
      if (message.topic().equals(topic)) {
        return message;
      }
    }
  }

  /** Removes and returns every message that arrived and was not taken yet; never blocks. */
  public List<Received> drain() {
    List<Received> messages = new ArrayList<>();
    received.drainTo(messages);
    return messages;
  }

  @Override
  public void close() throws Exception {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(5_000);
    }
    client.close(true);
  }
}
