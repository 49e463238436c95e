package org.sensoragent.agent.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.sensoragent.agent.Reading;

/**
 * Sends readings to the back end. Only the Forwarder calls it, from one thread at a time (connect
 * on its own thread, publish on its sender thread, never both at once); it owns retries, so a
 * transport never retries or reconnects on its own.
 */
public interface Transport extends Closeable {

  /**
   * Opens the connection (TLS/DTLS handshake, MQTT CONNECT). Idempotent while connected.
   *
   * @throws TransportException saying whether to retry soon or slowly, and why
   */
  void connect() throws IOException;

  /**
   * Sends every reading of the batch (all with trusted times) and returns only after the back end
   * acknowledged all of them.
   *
   * @throws TransportException when any reading was not acknowledged; it names the readings that
   *     were, which the caller may remove; the rest stay queued and are sent again later
   */
  void publish(List<Reading> batch) throws IOException;

  /** What the log says at start: scheme, host, port, path — never a secret. */
  String describe();
}
