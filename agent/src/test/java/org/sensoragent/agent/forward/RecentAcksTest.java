package org.sensoragent.agent.forward;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentAcksTest {

  @Test
  void remembersTheLastCapacityNumbersAndForgetsOlderOnes() {
    RecentAcks acks = new RecentAcks(3);
    assertFalse(acks.contains(1));

    acks.add(1);
    acks.add(5);
    acks.add(2);
    assertTrue(acks.contains(1) && acks.contains(5) && acks.contains(2));

    acks.add(9);
    assertFalse(acks.contains(1), "the oldest is forgotten when full");
    assertTrue(acks.contains(5) && acks.contains(2) && acks.contains(9));
  }

  @Test
  void anEmptyRingHoldsNothingNotEvenTheFillValue() {
    assertFalse(new RecentAcks(4).contains(Long.MIN_VALUE));
  }
}
