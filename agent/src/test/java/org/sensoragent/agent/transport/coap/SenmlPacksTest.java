package org.sensoragent.agent.transport.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.transport.Senml;

class SenmlPacksTest {

  @Test
  void aSmallBatchIsOnePack() {
    List<Reading> batch = TestReadings.batch(1, 3);

    List<SenmlPacks.Pack> packs = SenmlPacks.split("room-1", batch, 1024);

    assertEquals(1, packs.size());
    assertEquals(batch, packs.get(0).readings());
    assertEquals(Senml.encode("room-1", batch), new String(packs.get(0).payload(), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aLargeBatchIsSplitInOrderIntoPacksThatFit() {
    List<Reading> batch = TestReadings.batch(1, 500);

    List<SenmlPacks.Pack> packs = SenmlPacks.split("room-1", batch, 1024);

    List<Reading> joined = new ArrayList<>();
    for (int i = 0; i < packs.size(); i++) {
      SenmlPacks.Pack pack = packs.get(i);
      assertTrue(pack.payload().length <= 1024, pack.payload().length + " bytes");
      joined.addAll(pack.readings());
      // each pack is a complete pack of its own, with its own base name and time
      assertEquals(Senml.encode("room-1", pack.readings()),
          new String(pack.payload(), java.nio.charset.StandardCharsets.UTF_8));
      if (i + 1 < packs.size()) { // full: one more reading would not have fitted
        List<Reading> oneMore = new ArrayList<>(pack.readings());
        oneMore.add(packs.get(i + 1).readings().get(0));
        assertTrue(Senml.encode("room-1", oneMore).length() > 1024, "pack " + i + " not full");
      }
    }
    assertEquals(batch, joined);
  }

  @Test
  void aReadingLargerThanTheLimitStillGetsAPackOfItsOwn() {
    List<Reading> batch = TestReadings.batch(1, 2);

    List<SenmlPacks.Pack> packs = SenmlPacks.split("room-1", batch, 10);

    assertEquals(2, packs.size());
  }
}
