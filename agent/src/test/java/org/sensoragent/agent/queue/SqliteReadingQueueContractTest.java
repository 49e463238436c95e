package org.sensoragent.agent.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.sensoragent.agent.config.QueueConfig;

class SqliteReadingQueueContractTest extends ReadingQueueContract {

  @Override
  ReadingQueue newQueue(Path dir) throws IOException {
    return SqliteReadingQueue.open(new QueueConfig(dir.resolve("queue.db"), 1_000_000, 128L << 20, "full"),
        "boot-1", Clock.fixed(T0, ZoneOffset.UTC));
  }
}
