package org.sensoragent.agent.clock;

/**
 * Whether the kernel's wall clock is synchronized to a time source now. Implementations may block
 * for a moment (a file check, a short command) and must be safe to call from any thread.
 */
@FunctionalInterface
public interface SyncStatus {

  /** True once a time-sync service says the clock is synchronized; false also when unknown. */
  boolean isSynchronized();
}
