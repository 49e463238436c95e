package org.sensoragent.agent.transport.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.transport.Senml;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;

/**
 * Sends one batch: groups the readings by topic, packs each group into SenML messages of at most
 * {@link #MAX_READINGS_PER_MESSAGE} readings, keeps up to {@code window} messages in flight (never
 * more than the broker's Receive Maximum, or Paho refuses the publish), and waits for every
 * acknowledgement. Used by one thread at a time; Paho's callback threads only complete futures.
 */
final class BatchPublisher {

  /** About 30 KB of SenML: large enough to amortize a round trip, small enough to redo. */
  static final int MAX_READINGS_PER_MESSAGE = 500;

  /** One SenML message and how it ended. */
  private record Pack(String topic, List<Reading> readings, CompletableFuture<Outcome> outcome) {}

  /** {@code refusedCode} is a PUBACK/PUBREC error code, or -1 when the send failed without one. */
  private record Outcome(boolean acknowledged, int refusedCode, String detail) {}

  private final MqttAsyncClient client;
  private final Topics topics;
  private final String deviceId;
  private final int qos;
  private final int window;
  private final Duration timeout;
  private final String endpoint;

  BatchPublisher(MqttAsyncClient client, Topics topics, String deviceId, int qos, int window, Duration timeout, String endpoint) {
    this.client = client;
    this.topics = topics;
    this.deviceId = deviceId;
    this.qos = qos;
    this.window = window;
    this.timeout = timeout;
    this.endpoint = endpoint;
  }

  /**
   * Blocks until every message is acknowledged, the connection is lost ({@code lost} completes),
   * or {@code timeout} passes without progress.
   *
   * @throws TransportException naming what failed and carrying the readings that were acknowledged
   */
  void publish(List<Reading> batch, CompletableFuture<String> lost) throws TransportException {
    List<Pack> packs = packs(batch);
    Semaphore inFlight = new Semaphore(window);
    String sendFailure = null;
    int sent = 0;
    try {
      for (Pack pack : packs) {
        if (lost.isDone()) {
          sendFailure = "connection lost: " + lost.getNow("");
          break;
        }
        if (!inFlight.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          sendFailure = "no acknowledgement within " + timeout.toSeconds() + " s with " + window + " messages in flight";
          break;
        }
        pack.outcome().whenComplete((outcome, error) -> inFlight.release());
        try {
          client.publish(pack.topic(), message(pack), pack, listener(pack));
        } catch (MqttException e) {
          pack.outcome().complete(new Outcome(false, -1, e.getMessage()));
          // the link can drop before Paho's connectionLost callback completes `lost`: same cause
          sendFailure = e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED
              ? "connection lost: " + e.getMessage()
              : "publish on " + pack.topic() + " failed: " + e.getMessage();
          break;
        }
        sent++;
      }
      for (Pack unsent : packs.subList(sent, packs.size())) {
        unsent.outcome().complete(new Outcome(false, -1, "not sent"));
      }
      await(packs, lost);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sendFailure = "interrupted while waiting for acknowledgements";
    }
    report(batch, packs, sendFailure, lost);
  }

  private List<Pack> packs(List<Reading> batch) {
    Map<String, List<Reading>> byTopic = new LinkedHashMap<>();
    for (Reading reading : batch) {
      byTopic.computeIfAbsent(topics.of(reading), topic -> new ArrayList<>()).add(reading);
    }
    List<Pack> packs = new ArrayList<>();
    byTopic.forEach((topic, readings) -> {
      for (int from = 0; from < readings.size(); from += MAX_READINGS_PER_MESSAGE) {
        List<Reading> part = readings.subList(from, Math.min(readings.size(), from + MAX_READINGS_PER_MESSAGE));
        packs.add(new Pack(topic, List.copyOf(part), new CompletableFuture<>()));
      }
    });
    return packs;
  }

  private MqttMessage message(Pack pack) {
    MqttMessage message = new MqttMessage(Senml.encode(deviceId, pack.readings()).getBytes(StandardCharsets.UTF_8));
    message.setQos(qos);
    message.setRetained(false);
    MqttProperties properties = new MqttProperties();
    properties.setContentType(Senml.CONTENT_TYPE);
    properties.setPayloadFormat(true); // UTF-8 text
    message.setProperties(properties);
    return message;
  }

  private static MqttActionListener listener(Pack pack) {
    return new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        // Paho 1.2.5 completes a refused PUBACK as a success; the reason code tells.
        int code = ReasonCodes.first(token);
        if (ReasonCodes.isError(code)) {
          MqttProperties properties = token.getResponseProperties();
          String reason = properties == null ? null : properties.getReasonString();
          pack.outcome().complete(new Outcome(false, code, reason));
        } else {
          pack.outcome().complete(new Outcome(true, code, null));
        }
      }

      @Override
      public void onFailure(IMqttToken token, Throwable failure) {
        pack.outcome().complete(new Outcome(false, -1, String.valueOf(failure.getMessage())));
      }
    };
  }

  private void await(List<Pack> packs, CompletableFuture<String> lost) throws InterruptedException {
    CompletableFuture<?> all = CompletableFuture.allOf(packs.stream().map(Pack::outcome).toArray(CompletableFuture[]::new));
    try {
      CompletableFuture.anyOf(all, lost).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // reported per pack below: whatever did not complete was not acknowledged
    }
  }

  private void report(List<Reading> batch, List<Pack> packs, String sendFailure, CompletableFuture<String> lost)
      throws TransportException {
    List<Reading> acknowledged = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    Retry retry = null;
    int unanswered = 0;
    for (Pack pack : packs) {
      Outcome outcome = pack.outcome().getNow(null);
      if (outcome != null && outcome.acknowledged()) {
        acknowledged.addAll(pack.readings());
      } else if (outcome != null && outcome.refusedCode() >= 0) {
        refusals.add("PUBACK " + ReasonCodes.describe(outcome.refusedCode()) + " for " + pack.readings().size()
            + " readings on " + pack.topic() + (outcome.detail() == null ? "" : " (\"" + outcome.detail() + "\")"));
        retry = retry == Retry.SOON ? Retry.SOON : ReasonCodes.pubackRetry(outcome.refusedCode());
      } else {
        unanswered++;
        if (sendFailure == null && outcome != null) {
          sendFailure = outcome.detail();
        }
      }
    }
    if (acknowledged.size() == batch.size()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    if (unanswered > 0) {
      retry = Retry.SOON;
      String cause = lost.isDone() ? "connection lost (" + lost.getNow("") + ")"
          : sendFailure != null ? sendFailure : "no acknowledgement within " + timeout.toSeconds() + " s";
      parts.add(unanswered + " of " + packs.size() + " messages not acknowledged: " + cause);
    }
    if (!refusals.isEmpty()) {
      parts.add("broker refused " + String.join("; ", refusals));
    }
    String message = "MQTT publish to " + endpoint + ": " + String.join("; ", parts) + "; " + acknowledged.size()
        + " of " + batch.size() + " readings acknowledged";
    throw new TransportException(retry, message, acknowledged, null);
  }
}
