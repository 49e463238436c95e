package org.sensoragent.agent.transport.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CertificateExpiryWarnerTest {

  static final Instant NOT_AFTER = Instant.parse("2027-03-01T00:00:00Z");

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void set(Duration beforeExpiry) {
      now = NOT_AFTER.minus(beforeExpiry);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void warnsOnceAtThirtySevenAndOneDayAndOnceWhenExpired() {
    MovableClock clock = new MovableClock(NOT_AFTER.minus(Duration.ofDays(60)));
    CertificateExpiryWarner warner = new CertificateExpiryWarner("CN=meeting-room-1", NOT_AFTER, clock);
    assertTrue(warner.check().isEmpty(), "60 days left: quiet");
    clock.set(Duration.ofDays(30));
    assertTrue(warner.check().orElseThrow().contains("30 days 0 h left, warning at 30 days"));
    clock.set(Duration.ofDays(29));
    assertTrue(warner.check().isEmpty(), "the 30-day mark warns once");
    clock.set(Duration.ofDays(7).minusHours(1));
    assertTrue(warner.check().orElseThrow().contains("warning at 7 days"));
    assertTrue(warner.check().isEmpty());
    clock.set(Duration.ofHours(5));
    String lastDay = warner.check().orElseThrow();
    assertTrue(lastDay.contains("5 h 0 min left, warning at 1 day"), lastDay);
    assertTrue(lastDay.contains("CN=meeting-room-1") && lastDay.contains("2027-03-01T00:00:00Z"), lastDay);
    clock.set(Duration.ofHours(-1));
    assertTrue(warner.check().orElseThrow().contains("expired"));
    assertTrue(warner.check().isEmpty());
  }

  @Test
  void aFirstLookWithFiveDaysLeftWarnsOnceForTheSevenDayMark() {
    MovableClock clock = new MovableClock(NOT_AFTER.minus(Duration.ofDays(5)));
    CertificateExpiryWarner warner = new CertificateExpiryWarner("CN=x", NOT_AFTER, clock);
    assertTrue(warner.check().orElseThrow().contains("warning at 7 days"));
    assertTrue(warner.check().isEmpty());
    clock.set(Duration.ofDays(2));
    assertTrue(warner.check().isEmpty());
    clock.set(Duration.ofDays(1));
    assertEquals(true, warner.check().isPresent());
  }
}
