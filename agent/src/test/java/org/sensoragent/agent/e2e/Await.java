package org.sensoragent.agent.e2e;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Polls an observable condition (a journal line, a message at the observer, the output of
 * {@code sensor-agent queue}) until it holds or a generous deadline passes. The deadline guards
 * against hangs on a loaded machine; it is never an assertion about speed.
 */
final class Await {

  /** Generous: a loaded two-core CI machine with a second build beside us. */
  static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final long POLL_MILLIS = 100;

  private Await() {}

  /** Waits until {@code condition} holds; fails naming {@code what} and the last {@code detail}. */
  static void until(String what, Condition condition, Supplier<String> detail) throws Exception {
    until(what, DEADLINE, condition, detail);
  }

  static void until(String what, Duration deadline, Condition condition, Supplier<String> detail) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("gave up after " + deadline.toSeconds() + " s waiting for " + what + "\n" + detail.get());
      }
      Thread.sleep(POLL_MILLIS); // polling interval of an observable condition, not a wait for time to pass
    }
  }

  /** A condition that may do I/O (run a CLI command, read a file). */
  @FunctionalInterface
  interface Condition {
    boolean holds() throws Exception;
  }
}
