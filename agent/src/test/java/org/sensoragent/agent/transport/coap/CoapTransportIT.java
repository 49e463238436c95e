package org.sensoragent.agent.transport.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.elements.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.demo.DemoReceiver;
import org.sensoragent.agent.transport.Senml;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;

/** The transport against Californium's own DTLS PSK server ({@link DemoReceiver}), in process. */
class CoapTransportIT {

  private static final byte[] KEY = TestReadings.ascii("0123456789abcdef0123");

  @TempDir Path dir;
  private final BlockingQueue<String> packs = new LinkedBlockingQueue<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private volatile ResponseCode answer = ResponseCode.CHANGED;

  @AfterEach
  void closeAll() throws Exception {
    Collections.reverse(open);
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }

  private DemoReceiver receiver(int port) throws Exception {
    DemoReceiver receiver = DemoReceiver.start(port, "device-7", KEY, pack -> {
      packs.add(pack);
      return answer;
    });
    open.add(receiver);
    return receiver;
  }

  private CoapTransport transport(DemoReceiver receiver, String identity, byte[] key) throws Exception {
    CoapTransport transport = new CoapTransport(TestReadings.provisioning(receiver.endpoint(), dir),
        TestReadings.credentials(identity, key), TestReadings.FAST);
    open.add(transport);
    return transport;
  }

  @Test
  void postsOneSenmlPackAndTheServerGetsExactlyIt() throws Exception {
    DemoReceiver receiver = receiver(0);
    CoapTransport transport = transport(receiver, "device-7", KEY);
    List<Reading> batch = TestReadings.batch(1, 3);

    transport.connect();
    transport.publish(batch);

    assertEquals(Senml.encode(TestReadings.DEVICE, batch), packs.take());
    assertTrue(packs.isEmpty());
  }

  @Test
  void negotiatesAConnectionId() throws Exception {
    DemoReceiver receiver = receiver(0);
    CoapTransport transport = transport(receiver, "device-7", KEY);

    transport.publish(TestReadings.batch(1, 1));

    String cid = transport.connectionId().orElseThrow(() -> new AssertionError("no DTLS connection ID negotiated"));
    assertEquals(2 * CoapSettings.CONNECTION_ID_BYTES, cid.length(), cid);
    assertTrue(transport.cipherSuite().orElseThrow().startsWith("TLS_"), transport.cipherSuite().toString());
  }

  @Test
  void splitsABatchLargerThanOneDatagramIntoPacks() throws Exception {
    DemoReceiver receiver = receiver(0);
    CoapTransport transport = transport(receiver, "device-7", KEY);
    List<Reading> batch = TestReadings.batch(1, 100);

    transport.publish(batch);

    List<String> received = new ArrayList<>();
    packs.drainTo(received);
    assertTrue(received.size() > 1, "one pack for 100 readings");
    List<Integer> values = new ArrayList<>();
    for (String pack : received) {
      assertTrue(pack.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 1024, pack);
      values.addAll(TestReadings.values(pack));
    }
    assertEquals(new ArrayList<>(TestReadings.values(batch)), values);
  }

  @Test
  void aClientErrorIsAPermanentRejectionThatKeepsTheReadings() throws Exception {
    DemoReceiver receiver = receiver(0);
    CoapTransport transport = transport(receiver, "device-7", KEY);
    answer = ResponseCode.FORBIDDEN;

    TransportException e = assertThrows(TransportException.class, () -> transport.publish(TestReadings.batch(1, 2)));

    assertEquals(Retry.SLOWLY, e.retry());
    assertTrue(e.getMessage().contains("4.03"), e.getMessage());
    assertTrue(e.getMessage().contains("permanent"), e.getMessage());
    assertTrue(e.acknowledged().isEmpty());
  }

  @Test
  void aServerErrorMeansRetrySoon() throws Exception {
    DemoReceiver receiver = receiver(0);
    CoapTransport transport = transport(receiver, "device-7", KEY);
    answer = ResponseCode.SERVICE_UNAVAILABLE;

    TransportException e = assertThrows(TransportException.class, () -> transport.publish(TestReadings.batch(1, 2)));

    assertEquals(Retry.SOON, e.retry());
    assertTrue(e.getMessage().contains("5.03"), e.getMessage());
  }

  @Test
  void aFailureAfterSomePacksNamesThePacksAcknowledged() throws Exception {
    DemoReceiver receiver = DemoReceiver.start(0, "device-7", KEY, pack -> {
      packs.add(pack);
      return packs.size() == 1 ? ResponseCode.CHANGED : ResponseCode.SERVICE_UNAVAILABLE;
    });
    open.add(receiver);
    CoapTransport transport = transport(receiver, "device-7", KEY);
    List<Reading> batch = TestReadings.batch(1, 100);

    TransportException e = assertThrows(TransportException.class, () -> transport.publish(batch));

    assertFalse(e.acknowledged().isEmpty());
    assertEquals(TestReadings.values(packs.take()), TestReadings.values(e.acknowledged()));
    assertEquals(batch.subList(0, e.acknowledged().size()), e.acknowledged());
  }

  @Test
  void aWrongKeyIsSaidPlainly() throws Exception {
    DemoReceiver receiver = receiver(0);
    CoapTransport transport = transport(receiver, "device-7", TestReadings.ascii("not-the-right-key-at-all"));

    TransportException e = assertThrows(TransportException.class, transport::connect);

    assertEquals(Retry.SLOWLY, e.retry(), e.getMessage());
    assertTrue(e.getMessage().startsWith("DTLS handshake with 127.0.0.1:" + receiver.port()
        + " failed: the server rejected our PSK (wrong key or identity)"), e.getMessage());
    assertFalse(e.getMessage().contains("not-the-right-key"), e.getMessage());
  }

  @Test
  void anUnknownIdentityIsSaidPlainly() throws Exception {
    DemoReceiver receiver = receiver(0);
    CoapTransport transport = transport(receiver, "somebody-else", KEY);

    TransportException e = assertThrows(TransportException.class, () -> transport.publish(TestReadings.batch(1, 1)));

    assertEquals(Retry.SLOWLY, e.retry(), e.getMessage());
    assertTrue(e.getMessage().contains("the server rejected our PSK (wrong key or identity)"), e.getMessage());
    assertTrue(packs.isEmpty());
  }

  @Test
  void serverDownIsRetrySoonAndDeliveryResumesWhenItIsBack() throws Exception {
    DemoReceiver first = receiver(0);
    int port = first.port();
    CoapTransport transport = transport(first, "device-7", KEY);
    transport.publish(TestReadings.batch(1, 1));
    assertEquals(Collections.singleton(1), TestReadings.values(packs.take()));
    first.close();

    TransportException down = assertThrows(TransportException.class, () -> transport.publish(TestReadings.batch(2, 1)));
    assertEquals(Retry.SOON, down.retry(), down.getMessage());

    receiver(port); // a restarted server knows nothing of the old DTLS session
    transport.publish(TestReadings.batch(2, 1));
    assertEquals(Collections.singleton(2), TestReadings.values(packs.take()));
  }

  @Test
  void aRestartedServerGetsTheNextPackOnTheFirstAttempt() throws Exception {
    DemoReceiver first = receiver(0);
    int port = first.port();
    CoapTransport transport = transport(first, "device-7", KEY);
    transport.publish(TestReadings.batch(1, 1));
    assertEquals(Collections.singleton(1), TestReadings.values(packs.take()));
    String before = transport.sessionId().orElseThrow();
    first.close();
    receiver(port); // same port, same PSK, but the DTLS session (and its connection ID) is forgotten

    // one attempt, no exception: the POST on the stale session goes unanswered, and the transport
    // sends it again behind a new handshake instead of failing after all its retransmissions
    transport.publish(TestReadings.batch(2, 1));

    assertEquals(Collections.singleton(2), TestReadings.values(packs.take()));
    assertTrue(packs.isEmpty(), packs.toString());
    assertNotEquals(before, transport.sessionId().orElseThrow(), "the restarted server got no new handshake");
  }

  @Test
  void noCaliforniumPropertiesFileIsWritten() throws Exception {
    DemoReceiver receiver = receiver(0);
    CoapTransport transport = transport(receiver, "device-7", KEY);
    transport.connect();
    transport.publish(TestReadings.batch(1, 1));
    packs.take();
    transport.close();

    assertFalse(Files.exists(Path.of(Configuration.DEFAULT_FILE_NAME).toAbsolutePath()),
        "Californium wrote " + Path.of(Configuration.DEFAULT_FILE_NAME).toAbsolutePath());
    assertFalse(Configuration.DEFAULT_FILE.exists(), Configuration.DEFAULT_FILE.getAbsolutePath());
  }
}
