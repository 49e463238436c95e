package org.sensoragent.agent.provisioning;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sensoragent.agent.config.ConfigException;
import org.sensoragent.agent.provisioning.Pem.PemException;
import org.sensoragent.agent.provisioning.ProvisioningValidator.Location;
import org.sensoragent.agent.provisioning.ProvisioningValidator.Samples;

/**
 * The {@code provision} flow, from a bundle folder to an installed provisioning directory:
 * recover an interrupted install; list the bundle; check its signature against the device's
 * {@code operator.pem} (required once the device holds one); validate it whole; then either answer
 * a CSR request (make the key, write the CSR) or install atomically with
 * {@link ProvisioningInstaller}, re-validating the staged copy. The installed provisioning is
 * untouched by any refusal. Never prints or logs a secret. One at a time (see the installer).
 */
public final class Provisioner {

  /** How a run ended. */
  public enum Result {
    INSTALLED,
    CSR_WRITTEN,
    REFUSED
  }

  /**
   * @param findings the problems (on REFUSED) and warnings
   * @param lines what was done, for the operator: device, endpoint, files, certificate, PSK identity
   */
  public record Outcome(Result result, List<Finding> findings, List<String> lines) {}

  private final Path target;
  private final ProvisioningValidator validator;
  private final ProvisioningInstaller installer;
  private final PendingKey pending;

  public Provisioner(Path provisioningDir, Clock clock) {
    this.target = provisioningDir.toAbsolutePath().normalize();
    this.validator = new ProvisioningValidator(clock, Samples.REFUSE);
    this.installer = new ProvisioningInstaller(target);
    this.pending = new PendingKey(target);
  }

  /**
   * @param csrOut where a CSR request's answer {@code <device>.csr} goes
   * @throws IOException when reading or writing fails after the bundle was found good; the
   *     installed provisioning is then the old one, or restored by the next run
   */
  public Outcome provision(Path from, Path csrOut) throws IOException {
    List<String> lines = new ArrayList<>(installer.recover());
    Bundle bundle = Bundle.open(from);
    List<Finding> findings = new ArrayList<>(bundle.problems());
    if (!Files.isDirectory(from)) {
      return new Outcome(Result.REFUSED, findings, lines);
    }
    BundleSignature.Result signature = signature(bundle, findings, lines);
    if (bundle.isCsrRequest()) {
      return csrRequest(bundle, csrOut, findings, lines);
    }
    String device = deviceId(from);
    Path credentials = null;
    if (!bundle.has(Provisioning.DEVICE_KEY) && bundle.has(Provisioning.DEVICE_CERT) && device != null && pending.exists(device)) {
      credentials = pending.dirFor(device);
      lines.add("device.key: the key this device made for its CSR (" + credentials + ")");
    }
    ValidationReport report = validator.validate(from, credentials, Location.STICK);
    findings.addAll(report.findings());
    if (findings.stream().anyMatch(Finding::isError)) {
      return new Outcome(Result.REFUSED, findings, lines);
    }
    Map<String, Path> files = new LinkedHashMap<>();
    for (String name : Bundle.INSTALLED_FILES) {
      if (bundle.has(name)) {
        files.put(name, bundle.file(name));
      }
    }
    if (credentials != null) {
      files.put(Provisioning.DEVICE_KEY, credentials.resolve(Provisioning.DEVICE_KEY));
    }
    Path installedOperator = target.resolve(Provisioning.OPERATOR_KEY);
    if (!files.containsKey(Provisioning.OPERATOR_KEY) && Files.exists(installedOperator)) {
      files.put(Provisioning.OPERATOR_KEY, installedOperator); // signing stays required after re-provisioning
    }
    Map<String, String> listed = signature == null ? Map.of() : signature.listed();
    List<Finding> staged = installer.install(files, dir -> {
      List<Finding> problems = new ArrayList<>(BundleSignature.hashesMatch(dir, listed));
      problems.addAll(validator.validate(dir, null, Location.INSTALLED).findings());
      return problems;
    });
    if (!staged.isEmpty() && staged.stream().anyMatch(Finding::isError)) {
      findings.addAll(staged);
      return new Outcome(Result.REFUSED, findings, lines);
    }
    if (credentials != null) {
      pending.discard(device);
    }
    lines.add("installed into " + target + " (previous kept as " + installer.backup() + ")");
    report.facts().forEach((label, value) -> lines.add(label + ": " + value));
    lines.add("files: " + String.join(", ", files.keySet()));
    return new Outcome(Result.INSTALLED, findings, lines);
  }

  /** Checks the signature; adds its problems to {@code findings}; null when the bundle is unsigned and may be. */
  private BundleSignature.Result signature(Bundle bundle, List<Finding> findings, List<String> lines) {
    Path installedOperator = target.resolve(Provisioning.OPERATOR_KEY);
    PublicKey key;
    String keyName;
    if (Files.exists(installedOperator, LinkOption.NOFOLLOW_LINKS)) {
      keyName = "the device's operator key " + installedOperator;
      try {
        key = Pem.publicKey(installedOperator);
      } catch (PemException e) {
        findings.add(Finding.error(installedOperator, "unusable, so no bundle can be verified: " + e.getMessage()));
        return null;
      }
    } else if (bundle.isSigned()) {
      keyName = "the bundle's own " + Provisioning.OPERATOR_KEY;
      try {
        key = Pem.publicKey(bundle.file(Provisioning.OPERATOR_KEY));
      } catch (PemException e) {
        findings.add(Finding.error(bundle.file(Bundle.SIGNATURE), "cannot be checked: " + e.getMessage()));
        return null;
      }
    } else {
      lines.add("unsigned bundle accepted: the device holds no " + Provisioning.OPERATOR_KEY + " yet (first provisioning)");
      return null;
    }
    BundleSignature.Result result = BundleSignature.verify(bundle, key, keyName);
    findings.addAll(result.problems());
    if (result.problems().isEmpty()) {
      lines.add("signature: good, by " + keyName);
    }
    return result;
  }

  private Outcome csrRequest(Bundle bundle, Path csrOut, List<Finding> findings, List<String> lines) throws IOException {
    ValidationReport report = validator.validateCsrRequest(bundle.dir());
    findings.addAll(report.findings());
    if (findings.stream().anyMatch(Finding::isError)) {
      return new Outcome(Result.REFUSED, findings, lines);
    }
    String device = report.facts().get("device");
    String csr = pending.request(device);
    Files.createDirectories(csrOut);
    Path out = csrOut.resolve(device + ".csr");
    Path partial = csrOut.resolve(device + ".csr.partial");
    try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(csr.getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    }
    Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    lines.add("device: " + device);
    lines.add("made an EC P-256 key on the device; it stays in " + pending.dirFor(device));
    lines.add("wrote the certificate request (CN=" + device + ") to " + out);
    lines.add("next: provisioning/make-bundle csr --csr " + device + ".csr ..., then insert the stick again");
    return new Outcome(Result.CSR_WRITTEN, findings, lines);
  }

  private static String deviceId(Path from) {
    try {
      return ProvisioningLoader.load(from, null).deviceId();
    } catch (ConfigException e) {
      return null; // reported by the validator
    }
  }
}
