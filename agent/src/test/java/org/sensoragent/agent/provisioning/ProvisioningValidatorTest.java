package org.sensoragent.agent.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.provisioning.ProvisioningValidator.Location;
import org.sensoragent.agent.provisioning.ProvisioningValidator.Samples;

/** The validator's certificate rules, with openssl-made chains and an injected clock. */
class ProvisioningValidatorTest {

  @TempDir Path root;
  private TestPki pki;

  @BeforeEach
  void setUp() throws IOException {
    pki = new TestPki(root.resolve("operator"));
  }

  @Test
  void aGoodBundleHasNoFindingsAndTheFactsToPrint() throws IOException {
    ValidationReport report = validate(pki.certBundle("good"), Clock.systemUTC());

    assertEquals(List.of(), report.findings());
    assertEquals(TestPki.DEVICE, report.facts().get("device"));
    assertEquals("CN=" + TestPki.DEVICE, report.facts().get("certificate"));
  }

  @Test
  void expiryWithinThirtyDaysIsAWarning() throws IOException {
    Clock in340Days = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofDays(340));

    ValidationReport report = validate(pki.certBundle("expiring"), in340Days);

    assertFalse(report.hasErrors(), report.findings().toString());
    assertTrue(report.findings().get(0).toString().matches("warning: .*device.pem: certificate expires on .*within 30 days.*"),
        report.findings().toString());
  }

  @Test
  void notYetValidIsAnError() throws IOException {
    Clock yesterday = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofDays(-2));

    ValidationReport report = validate(pki.certBundle("future"), yesterday);

    assertTrue(report.findings().toString().contains("certificate not valid before"), report.findings().toString());
  }

  @Test
  void serverOnlyCertificateIsRefused() throws IOException {
    Path bundle = pki.certBundle("server-only");
    Path csr = Openssl.csr(bundle.resolve(Provisioning.DEVICE_KEY), TestPki.DEVICE, root.resolve("s.csr"));
    Openssl.issue(csr, pki.ca, 30, "serverAuth", root.resolve("server.pem"));
    Files.move(root.resolve("server.pem"), bundle.resolve(Provisioning.DEVICE_CERT), StandardCopyOption.REPLACE_EXISTING);

    ValidationReport report = validate(bundle, Clock.systemUTC());

    assertTrue(report.findings().toString().contains("lacks clientAuth"), report.findings().toString());
  }

  @Test
  void everyProblemIsReportedNotOnlyTheFirst() throws IOException {
    Path bundle = pki.certBundle("broken");
    Files.delete(bundle.resolve(Provisioning.CA));
    Files.writeString(bundle.resolve(Provisioning.DEVICE_KEY), "not a key");
    Files.writeString(bundle.resolve(Provisioning.OPERATOR_KEY), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

    List<Finding> findings = validate(bundle, Clock.systemUTC()).findings();

    assertEquals(3, findings.size(), findings.toString());
    assertTrue(findings.get(0).toString().contains("ca.pem: missing"), findings.toString());
    assertTrue(findings.get(1).toString().contains("device.key"), findings.toString());
    assertTrue(findings.get(2).toString().contains("operator.pem"), findings.toString());
  }

  @Test
  void anIntermediateInTheChainIsFollowedToTheCa() throws IOException {
    Path bundle = pki.certBundle("chained");
    Path intermediateKey = Openssl.ecKey(root.resolve("intermediate.key"));
    Path intermediateCsr = Openssl.csr(intermediateKey, "intermediate", root.resolve("intermediate.csr"));
    Path ext = Files.writeString(root.resolve("ica.ext"), "[ica]\nbasicConstraints = critical, CA:TRUE\n"
        + "keyUsage = critical, keyCertSign\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n");
    Path caKey = pki.ca.resolveSibling("ca.key");
    Openssl.run(root, "x509", "-req", "-in", intermediateCsr.toString(), "-CA", pki.ca.toString(), "-CAkey", caKey.toString(),
        "-set_serial", "77", "-days", "100", "-extfile", ext.toString(), "-extensions", "ica", "-out", "intermediate.pem");
    Path leafCsr = Openssl.csr(bundle.resolve(Provisioning.DEVICE_KEY), TestPki.DEVICE, root.resolve("leaf.csr"));
    Openssl.issue(leafCsr, root.resolve("intermediate.pem"), 90, "clientAuth", root.resolve("leaf.pem"));
    Files.writeString(bundle.resolve(Provisioning.DEVICE_CERT),
        Files.readString(root.resolve("leaf.pem")) + Files.readString(root.resolve("intermediate.pem")));

    assertEquals(List.of(), validate(bundle, Clock.systemUTC()).findings());
    Files.writeString(bundle.resolve(Provisioning.DEVICE_CERT), Files.readString(root.resolve("leaf.pem")));
    assertTrue(validate(bundle, Clock.systemUTC()).findings().toString().contains("does not chain to ca.pem"));
  }

  @Test
  void samplesAreAllowedOnlyWhenAsked() {
    Path sample = Path.of("..", "certs-sample", "sample", "provisioning").toAbsolutePath().normalize();

    ValidationReport demo = new ProvisioningValidator(Clock.systemUTC(), Samples.ALLOW).validate(sample, null, Location.STICK);
    ValidationReport real = new ProvisioningValidator(Clock.systemUTC(), Samples.REFUSE).validate(sample, null, Location.STICK);

    assertFalse(demo.hasErrors(), demo.findings().toString());
    assertEquals(3, real.findings().stream().filter(f -> f.message().contains(SampleCredentials.REFUSAL)).count(),
        real.findings().toString()); // ca.pem, device.pem, operator.pem
  }

  private ValidationReport validate(Path dir, Clock clock) {
    return new ProvisioningValidator(clock, Samples.REFUSE).validate(dir, null, Location.STICK);
  }
}
