package org.sensoragent.agent.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.sensoragent.agent.queue.ReadingQueueContract.T0;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.Reading;
import org.sensoragent.drivers.Quantity;

class SeriesTableTest {

  @TempDir Path dir;

  @Test
  void aSeriesAddedInARolledBackTransactionIsForgotten() throws Exception {
    try (QueueConnection db = QueueConnection.open(dir.resolve("queue.db"), "normal")) {
      QueueSchema.createOrCheck(db.jdbc());
      db.commit();

      db.insert(List.of(reading(1, "x")), 1);
      db.rollback(new Exception("the round failed")); // x's series row is gone with it
      db.insert(List.of(reading(1, "y")), 1);           // may reuse x's id
      db.commit();
      db.insert(List.of(reading(2, "x")), 1);
      db.commit();

      List<Reading> read = new ArrayList<>();
      try (ResultSet row = db.scanFrom(0)) {
        while (row.next()) {
          read.add(db.reading(row));
        }
      }
      db.commit();
      assertEquals(List.of(reading(1, "y"), reading(2, "x")), read);
    }
  }

  @Test
  void readingsOfOneSeriesShareTheirSensorString() throws Exception {
    Path file = dir.resolve("queue.db");
    try (QueueConnection db = QueueConnection.open(file, "normal")) {
      QueueSchema.createOrCheck(db.jdbc());
      db.insert(List.of(reading(1, "air"), reading(2, "air")), 1);
      db.commit();
    }
    try (QueueConnection db = QueueConnection.open(file, "normal")) { // a cold cache, as after a restart
      List<Reading> read = new ArrayList<>();
      try (ResultSet row = db.scanFrom(0)) {
        while (row.next()) {
          read.add(db.reading(row));
        }
      }
      db.commit();
      assertEquals(List.of(reading(1, "air"), reading(2, "air")), read);
      assertSame(read.get(0).sensor(), read.get(1).sensor());
    }
  }

  private static Reading reading(long seq, String sensor) {
    return Reading.of(sensor, Quantity.TEMPERATURE, 21.5, T0).withSeq(seq);
  }
}
