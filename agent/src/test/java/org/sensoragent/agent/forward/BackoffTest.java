package org.sensoragent.agent.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sensoragent.agent.fakes.FixedRandom;

class BackoffTest {

  private static final Duration MIN = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofSeconds(60);

  @Test
  void theCeilingDoublesUpToTheCap() {
    Backoff backoff = new Backoff(MIN, MAX, new FixedRandom(0.999_999_9));
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      waits.add(backoff.next().toMillis());
    }
    assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L, 60_000L), waits);
  }

  @Test
  void fullJitterReachesDownToZero() {
    Backoff backoff = new Backoff(MIN, MAX, new FixedRandom(0.0));
    for (int i = 0; i < 5; i++) {
      assertEquals(Duration.ZERO, backoff.next());
    }
  }

  @Test
  void everyWaitLiesWithinZeroAndTheCeiling() {
    Backoff backoff = new Backoff(MIN, MAX, new SplittableRandom(42));
    Set<Long> distinct = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      if (i % 12 == 0) {
        backoff.reset();
      }
      long ceiling = backoff.ceiling().toMillis();
      long wait = backoff.next().toMillis();
      assertTrue(wait >= 0 && wait <= ceiling, wait + " ms outside [0, " + ceiling + "]");
      distinct.add(wait);
    }
    assertTrue(distinct.size() > 500, "waits are jittered, not a few fixed steps: " + distinct.size());
  }

  @Test
  void resetStartsFromTheFirstStep() {
    Backoff backoff = new Backoff(MIN, MAX, new FixedRandom(0.5));
    for (int i = 0; i < 6; i++) {
      backoff.next();
    }
    assertEquals(Duration.ofSeconds(60), backoff.ceiling());
    backoff.reset();
    assertEquals(0, backoff.failures());
    assertEquals(Duration.ofMillis(500), backoff.next());
  }

  @Test
  void aHugeNumberOfFailuresStaysAtTheCap() {
    Backoff backoff = new Backoff(MIN, Duration.ofDays(365), new FixedRandom(0.999_999_999));
    for (int i = 0; i < 200; i++) {
      backoff.next();
    }
    assertEquals(Duration.ofDays(365), backoff.ceiling());
  }

  @Test
  void refusesAMaxBelowTheMin() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(MAX, MIN, new FixedRandom(0)));
  }
}
