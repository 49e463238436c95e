package org.sensoragent.agent.transport.mqtt;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Warns that the device's own certificate is about to expire: once when 30, 7 and 1 days are
 * left, and once when it has expired, each at most once per process (per instance). A device that
 * first looks with 5 days left warns once, for the 7-day mark. Thread-safe; cheap enough to call
 * on every connect and publish.
 */
public final class CertificateExpiryWarner {

  static final List<Integer> THRESHOLD_DAYS = List.of(30, 7, 1);

  private final String subject;
  private final Instant notAfter;
  private final Clock clock;
  /** The threshold last warned about, in days; 0 once the expiry itself was reported. */
  private int lastWarnedDays = Integer.MAX_VALUE;

  public CertificateExpiryWarner(X509Certificate certificate, Clock clock) {
    this(certificate.getSubjectX500Principal().getName(), certificate.getNotAfter().toInstant(), clock);
  }

  CertificateExpiryWarner(String subject, Instant notAfter, Clock clock) {
    this.subject = subject;
    this.notAfter = notAfter;
    this.clock = clock;
  }

  /** Logs a warning if a threshold was crossed since the last call; returns the line it logged. */
  public synchronized Optional<String> check() {
    Duration left = Duration.between(clock.instant(), notAfter);
    if (left.isNegative() || left.isZero()) {
      if (lastWarnedDays == 0) {
        return Optional.empty();
      }
      lastWarnedDays = 0;
      String line = "device certificate " + subject + " expired at " + notAfter
          + "; the broker will refuse it: install a renewed provisioning bundle";
      Logger.error(line);
      return Optional.of(line);
    }
    int crossed = Integer.MAX_VALUE;
    for (int days : THRESHOLD_DAYS) {
      if (left.compareTo(Duration.ofDays(days)) <= 0) {
        crossed = days;
      }
    }
    if (crossed >= lastWarnedDays) {
      return Optional.empty();
    }
    lastWarnedDays = crossed;
    String line = "device certificate " + subject + " expires at " + notAfter + " (" + describe(left)
        + " left, warning at " + crossed + (crossed == 1 ? " day" : " days")
        + "); install a renewed provisioning bundle before then";
    Logger.warn(line);
    return Optional.of(line);
  }

  private static String describe(Duration left) {
    return left.toDays() >= 1 ? left.toDays() + " days " + left.toHoursPart() + " h" : left.toHours() + " h " + left.toMinutesPart() + " min";
  }
}
