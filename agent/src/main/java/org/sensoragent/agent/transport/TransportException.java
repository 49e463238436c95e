package org.sensoragent.agent.transport;

import java.io.IOException;
import java.util.List;
import org.sensoragent.agent.Reading;

/**
 * A connect or publish that did not fully succeed. Its message is the one log line that names the
 * cause (never a secret); {@link #retry()} tells the Forwarder how soon to try again.
 */
public class TransportException extends IOException {

  /** How soon the same thing may succeed. */
  public enum Retry {
    /** Network trouble, server busy (CoAP 5.xx), connection lost: back off and retry. */
    SOON,
    /**
     * Refused by policy or credentials (bad certificate, not authorized, 4.xx): retrying fast
     * would only hammer the server; retry slowly, the readings stay queued.
     */
    SLOWLY
  }

  private final Retry retry;
  private final transient List<Reading> acknowledged;

  public TransportException(Retry retry, String message, List<Reading> acknowledged, Throwable cause) {
    super(message, cause);
    this.retry = retry;
    this.acknowledged = List.copyOf(acknowledged);
  }

  public TransportException(Retry retry, String message) {
    this(retry, message, List.of(), null);
  }

  public TransportException(Retry retry, String message, Throwable cause) {
    this(retry, message, List.of(), cause);
  }

  public Retry retry() {
    return retry;
  }

  /** The readings of the failed batch that the back end did acknowledge; may be empty. */
  public List<Reading> acknowledged() {
    return acknowledged;
  }
}
