package org.sensoragent.agent.fakes;

/** An {@code onRound} hook that counts rounds and lets a test wait for them. Thread-safe. */
public final class RoundCounter implements Runnable {

  private int rounds;

  @Override
  public synchronized void run() {
    rounds++;
    notifyAll();
  }

  public synchronized int rounds() {
    return rounds;
  }

  /** Waits (up to 10 s, then fails) until {@code count} rounds ended. */
  public synchronized void await(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (rounds < count) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new AssertionError("only " + rounds + " of " + count + " rounds");
      }
      wait(left);
    }
  }
}
