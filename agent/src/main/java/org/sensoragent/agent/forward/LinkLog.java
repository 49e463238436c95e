package org.sensoragent.agent.forward;

import java.time.Duration;
import java.util.Objects;
import org.sensoragent.agent.transport.TransportException.Retry;
import org.tinylog.Logger;

/**
 * The forwarder's log lines: one per change of state (delivering, failing for a cause, refused),
 * naming the cause; each further attempt goes to DEBUG only. Used by the forwarder thread only.
 */
final class LinkLog {

  private final String target;
  private boolean everConnected;
  private boolean waitingLogged;
  private int failedAttempts;
  private String lastCause;
  private Retry lastRetry;
  private boolean queueFailing;

  /** @param target what the transport says it talks to, never a secret */
  LinkLog(String target) {
    this.target = target;
  }

  void waitingForClock() {
    if (!waitingLogged) {
      Logger.info("forward: waiting for a trusted clock before connecting to {}", target);
      waitingLogged = true;
    }
  }

  void connected() {
    if (!everConnected) {
      Logger.info("forward: connected to {}", target);
      everConnected = true;
    } else {
      Logger.debug("forward: connected to {}", target);
    }
  }

  void delivered() {
    if (failedAttempts > 0) {
      Logger.info("forward: delivering to {} again after {} failed attempt(s)", target, failedAttempts);
      failedAttempts = 0;
      lastCause = null;
      lastRetry = null;
    }
  }

  void failed(Retry retry, String cause, Duration wait) {
    failedAttempts++;
    if (retry != lastRetry || !Objects.equals(sameCause(cause), sameCause(lastCause))) {
      if (retry == Retry.SLOWLY) {
        Logger.warn("forward: {} refused: {}; readings stay queued, trying again every {} s",
            target, cause, wait.toSeconds());
      } else {
        Logger.warn("forward: {} unreachable: {}; readings stay queued, retrying with back-off", target, cause);
      }
      lastRetry = retry;
      lastCause = cause;
    } else {
      Logger.debug("forward: attempt {} failed: {}; next in {} ms", failedAttempts, cause, wait.toMillis());
    }
  }

  /**
   * A cause with its decimal counts blanked, so that "PUBACK 0x87 Not authorized for 3 readings;
   * 4 of 7 acknowledged" and the next attempt's "for 5 readings; 6 of 11" are one cause, logged
   * once. Only free-standing integers go: codes such as {@code 0x87} or {@code 4.03}, ports and
   * addresses are kept, since a different code is a different cause.
   */
  static String sameCause(String cause) {
    return cause == null ? null : cause.replaceAll("(?<![\\w.:])\\d+(?![\\w.])", "#");
  }

  void queueFailed(String what, String cause) {
    if (!queueFailing) {
      Logger.error("forward: {} failed: {}", what, cause);
      queueFailing = true;
    }
  }

  void queueWorks() {
    if (queueFailing) {
      Logger.info("forward: the queue works again");
      queueFailing = false;
    }
  }
}
