package org.sensoragent.agent.queue;

import java.nio.file.Path;

/** The in-memory queue keeps the same contract, so tests of other parts may rely on it. */
class InMemoryReadingQueueTest extends ReadingQueueContract {

  @Override
  ReadingQueue newQueue(Path dir) {
    return new InMemoryReadingQueue();
  }
}
