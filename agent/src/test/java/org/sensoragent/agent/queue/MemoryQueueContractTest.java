package org.sensoragent.agent.queue;

import java.nio.file.Path;
import org.sensoragent.agent.fakes.MemoryQueue;

/** The forwarder's and sampler's in-memory queue keeps the same contract, so their tests may rely on it. */
class MemoryQueueContractTest extends ReadingQueueContract {

  @Override
  ReadingQueue newQueue(Path dir) {
    return new MemoryQueue();
  }
}
