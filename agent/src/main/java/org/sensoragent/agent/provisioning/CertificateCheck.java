package org.sensoragent.agent.provisioning;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Checks a device certificate chain against its CA and its private key: the key matches the leaf,
 * the leaf is valid now (by the injected clock) and allows TLS client authentication, and the
 * chain leads to the CA with PKIX rules and the CA as the only trust anchor. Revocation is not
 * checked: a device offline in a meeting room has no CRL or OCSP responder to ask.
 */
final class CertificateCheck {

  static final Duration EXPIRY_WARNING = Duration.ofDays(30);
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final Clock clock;

  /** @param clock the trusted time, or null to leave validity dates unchecked */
  CertificateCheck(Clock clock) {
    this.clock = clock;
  }

  /** Every problem of the chain in {@code certFile}, as findings naming that file. */
  List<Finding> check(Object certFile, List<X509Certificate> chain, X509Certificate ca, PrivateKey key, Object keyFile) {
    List<Finding> findings = new ArrayList<>();
    X509Certificate leaf = chain.get(0);
    if (key != null && !Pem.matches(key, leaf)) {
      findings.add(Finding.error(keyFile, "private key does not match the certificate in " + certFile));
    }
    Instant notBefore = leaf.getNotBefore().toInstant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    // without a trusted clock, the chain is checked as of the leaf's first valid instant:
    // signatures and structure, not dates
    Instant now = clock == null ? notBefore : clock.instant();
    if (clock == null) {
      // dates are the transport's to judge, once the clock is trusted
    } else if (now.isBefore(notBefore)) {
      findings.add(Finding.error(certFile, "certificate not valid before " + notBefore + " (now " + now + ")"));
    } else if (now.isAfter(notAfter)) {
      findings.add(Finding.error(certFile, "certificate expired on " + notAfter + " (now " + now + ")"));
    } else if (now.plus(EXPIRY_WARNING).isAfter(notAfter)) {
      findings.add(Finding.warning(certFile, "certificate expires on " + notAfter + ", within "
          + EXPIRY_WARNING.toDays() + " days; re-provision the device soon"));
    }
    try {
      List<String> usages = leaf.getExtendedKeyUsage();
      if (usages != null && !usages.contains(CLIENT_AUTH)) {
        findings.add(Finding.error(certFile, "certificate's extendedKeyUsage " + usages
            + " lacks clientAuth (1.3.6.1.5.5.7.3.2); the broker would refuse it"));
      }
    } catch (java.security.cert.CertificateParsingException e) {
      findings.add(Finding.error(certFile, "extendedKeyUsage cannot be read: " + e.getMessage()));
    }
    chainProblem(chain, ca, now).ifPresent(cause -> findings.add(Finding.error(certFile, cause)));
    return findings;
  }

  private static java.util.Optional<String> chainProblem(List<X509Certificate> chain, X509Certificate ca, Instant now) {
    List<X509Certificate> path = new ArrayList<>(chain);
    path.removeIf(ca::equals); // a chain file may end with the CA itself; the anchor is not part of the path
    try {
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
      return java.util.Optional.empty();
    } catch (CertPathValidatorException e) {
      if (e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID) {
        // the leaf's dates are reported above; an intermediate's are not, so name it
        return e.getIndex() <= 0 ? java.util.Optional.empty()
            : java.util.Optional.of("chain certificate " + e.getIndex() + " is outside its validity: " + e.getMessage());
      }
      return java.util.Optional.of("certificate does not chain to " + Provisioning.CA + " ("
          + subject(ca) + "): " + e.getMessage());
    } catch (GeneralSecurityException e) {
      return java.util.Optional.of("certificate chain cannot be checked: " + e.getMessage());
    }
  }

  static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }
}
