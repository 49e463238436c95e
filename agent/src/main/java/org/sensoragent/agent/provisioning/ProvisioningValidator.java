package org.sensoragent.agent.provisioning;

import org.sensoragent.agent.config.ConfigException;
import org.sensoragent.agent.transport.coap.PskCredentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.sensoragent.agent.provisioning.Pem.PemException;

/**
 * Checks a provisioning directory, or a bundle, whole and reports every problem, each naming the
 * file and the cause: {@code provisioning.toml}; for {@code mqtts} the CA, certificate chain and
 * key ({@link CertificateCheck}); for {@code coaps} the PSK ({@link PskCredentials}); the modes of the
 * secrets; {@code operator.pem}; and the public sample credentials, refused by fingerprint unless
 * {@link Samples#ALLOW}. Reads files only; writes nothing. Does not check the signature of a bundle
 * ({@link BundleSignature}) nor that the endpoint answers ({@code check --connect}).
 */
public final class ProvisioningValidator {

  /** Where the files are, which decides how a group- or world-readable secret is judged. */
  public enum Location {
    /** A bundle on a stick: FAT has no modes worth the name, so a readable secret is a warning. */
    STICK,
    /** The device's own provisioning: a readable secret is an error. */
    INSTALLED
  }

  /** Whether the public sample credentials from {@code certs-sample/} are acceptable. */
  public enum Samples {
    REFUSE,
    /** Only for {@code demo}. */
    ALLOW
  }

  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private final Clock clock;
  private final Samples samples;

  /**
   * A validator for {@code run}, which may start before the clock is trusted (a Pi has no
   * real-time clock): everything but certificate validity dates, which the transport checks at its
   * handshake once the clock is trusted. An expired certificate must not stop sampling.
   */
  public static ProvisioningValidator withoutDates(Samples samples) {
    return new ProvisioningValidator(null, samples);
  }

  /** @param clock the trusted time certificates' validity is judged by */
  public ProvisioningValidator(Clock clock, Samples samples) {
    this.clock = clock;
    this.samples = samples;
  }

  /**
   * @param credentialsDir where the secrets are when not beside the rest (systemd's
   *     {@code $CREDENTIALS_DIRECTORY}, or the pending key of CSR mode); null for none
   */
  public ValidationReport validate(Path dir, Path credentialsDir, Location location) {
    Provisioning provisioning;
    try {
      provisioning = ProvisioningLoader.load(dir, credentialsDir);
    } catch (ConfigException e) {
      ValidationReport report = new ValidationReport();
      report.add(new Finding(Finding.Severity.ERROR, e.getMessage()));
      operatorKey(dir.resolve(Provisioning.OPERATOR_KEY), report);
      return report;
    }
    return validate(provisioning, location);
  }

  /** The same checks for provisioning the caller has loaded already, so its file is not read twice. */
  public ValidationReport validate(Provisioning provisioning, Location location) {
    ValidationReport report = new ValidationReport();
    report.fact("device", provisioning.deviceId());
    report.fact("endpoint", provisioning.endpoint().toString());
    switch (provisioning.scheme()) {
      case MQTTS -> mqtts(provisioning, location, report);
      case COAPS -> coaps(provisioning, location, report);
    }
    operatorKey(provisioning.dir().resolve(Provisioning.OPERATOR_KEY), report);
    return report;
  }

  /**
   * Checks a CSR-mode request bundle (see provisioning/README.md): {@code provisioning.toml} with
   * an {@code mqtts} endpoint, {@code ca.pem} if present, {@code operator.pem} if present, and no
   * credential of the device's own (it is about to make its key).
   */
  public ValidationReport validateCsrRequest(Path dir) {
    ValidationReport report = new ValidationReport();
    try {
      Provisioning provisioning = ProvisioningLoader.load(dir, null);
      report.fact("device", provisioning.deviceId());
      report.fact("endpoint", provisioning.endpoint().toString());
      if (provisioning.scheme() != Provisioning.Scheme.MQTTS) {
        report.add(Finding.error(dir.resolve(Provisioning.TOML), "a CSR request needs an mqtts:// endpoint; "
            + "a coaps:// device uses a PSK, not a certificate"));
      }
    } catch (ConfigException e) {
      report.add(new Finding(Finding.Severity.ERROR, e.getMessage()));
    }
    for (String name : List.of(Provisioning.DEVICE_CERT, Provisioning.DEVICE_KEY, Provisioning.PSK_IDENTITY, Provisioning.PSK_KEY)) {
      if (Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
        report.add(Finding.error(dir.resolve(name), "not allowed beside " + Bundle.CSR_REQUEST
            + " (the device makes its own key; the certificate comes in a later bundle)"));
      }
    }
    Path caFile = dir.resolve(Provisioning.CA);
    if (Files.exists(caFile, LinkOption.NOFOLLOW_LINKS)) {
      try {
        refuseSample(caFile, Pem.certificates(caFile).get(0), report);
      } catch (PemException e) {
        report.add(new Finding(Finding.Severity.ERROR, e.getMessage()));
      }
    }
    operatorKey(dir.resolve(Provisioning.OPERATOR_KEY), report);
    return report;
  }

  private void mqtts(Provisioning provisioning, Location location, ValidationReport report) {
    Path caFile = provisioning.file(Provisioning.CA);
    Path certFile = provisioning.file(Provisioning.DEVICE_CERT);
    Path keyFile = provisioning.file(Provisioning.DEVICE_KEY);
    X509Certificate ca = null;
    List<X509Certificate> chain = null;
    PrivateKey key = null;
    try {
      ca = Pem.certificates(caFile).get(0);
      refuseSample(caFile, ca, report);
    } catch (PemException e) {
      report.add(new Finding(Finding.Severity.ERROR, e.getMessage()));
    }
    try {
      chain = Pem.certificates(certFile);
      for (X509Certificate certificate : chain) {
        refuseSample(certFile, certificate, report);
      }
      report.fact("certificate", CertificateCheck.subject(chain.get(0)));
      report.fact("issuer", chain.get(0).getIssuerX500Principal().getName());
      report.fact("expires", chain.get(0).getNotAfter().toInstant().toString());
    } catch (PemException e) {
      report.add(new Finding(Finding.Severity.ERROR, e.getMessage()));
    }
    try {
      key = Pem.privateKey(keyFile);
      secretMode(keyFile, location, report);
    } catch (PemException e) {
      report.add(new Finding(Finding.Severity.ERROR, e.getMessage()));
    }
    if (ca != null && chain != null) {
      new CertificateCheck(clock).check(certFile, chain, ca, key, keyFile).forEach(report::add);
    }
  }

  private void coaps(Provisioning provisioning, Location location, ValidationReport report) {
    Path identityFile = provisioning.file(Provisioning.PSK_IDENTITY);
    Path keyFile = provisioning.file(Provisioning.PSK_KEY);
    try {
      report.fact("psk identity", PskCredentials.readIdentity(identityFile));
    } catch (ConfigException e) {
      report.add(new Finding(Finding.Severity.ERROR, e.getMessage()));
    }
    byte[] key;
    try {
      key = PskCredentials.readKey(keyFile);
    } catch (ConfigException e) {
      report.add(new Finding(Finding.Severity.ERROR, e.getMessage()));
      return;
    }
    secretMode(keyFile, location, report);
    String sample = SampleCredentials.identify(key);
    Arrays.fill(key, (byte) 0);
    if (sample != null && samples == Samples.REFUSE) {
      report.add(Finding.error(keyFile, sample + " " + SampleCredentials.REFUSAL));
    }
  }

  private void operatorKey(Path file, ValidationReport report) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      PublicKey key = Pem.publicKey(file);
      if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() != 256) {
        report.add(Finding.error(file, "operator key must be EC P-256 or RSA; this EC key is not on a 256-bit curve"));
      } else if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
        report.add(Finding.error(file, "operator RSA key has " + rsa.getModulus().bitLength() + " bits; at least 2048 are needed"));
      } else if (!(key instanceof ECPublicKey) && !(key instanceof RSAPublicKey)) {
        report.add(Finding.error(file, "operator key must be EC P-256 or RSA, was " + key.getAlgorithm()));
      }
      String sample = SampleCredentials.identify(key.getEncoded());
      if (sample != null && samples == Samples.REFUSE) {
        report.add(Finding.error(file, sample + " " + SampleCredentials.REFUSAL));
      }
    } catch (PemException e) {
      report.add(new Finding(Finding.Severity.ERROR, e.getMessage()));
    }
  }

  private void refuseSample(Path file, X509Certificate certificate, ValidationReport report) {
    try {
      String sample = SampleCredentials.identify(certificate.getEncoded());
      if (sample != null && samples == Samples.REFUSE) {
        report.add(Finding.error(file, sample + " " + SampleCredentials.REFUSAL));
      }
    } catch (CertificateEncodingException e) {
      report.add(Finding.error(file, "certificate cannot be encoded: " + e.getMessage()));
    }
  }

  /** A secret readable or writable by group or others: a warning on a stick, an error installed. */
  private static void secretMode(Path file, Location location, ValidationReport report) {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException | IOException e) {
      return; // no POSIX modes here (e.g. a FAT stick mounted without them): nothing to judge
    }
    if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
      String cause = "secret is readable or writable by group or others (mode "
          + java.nio.file.attribute.PosixFilePermissions.toString(permissions) + "); it must be 0600";
      report.add(location == Location.STICK
          ? Finding.warning(file, cause + " on the device; trusted with a warning, installed as 0600")
          : Finding.error(file, cause));
    }
  }
}
