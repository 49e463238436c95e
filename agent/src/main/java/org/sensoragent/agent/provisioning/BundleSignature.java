package org.sensoragent.agent.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies a signed bundle: {@code SHA256SUMS} (the format {@code sha256sum} writes, one
 * {@code <hex>  <name>} line per file) signed into {@code SHA256SUMS.sig} by
 * {@code openssl dgst -sha256 -sign operator.key} (ECDSA P-256 or RSA PKCS#1 v1.5). Accepted only
 * when the signature verifies with the given key, every file of the bundle except the two is
 * listed once with its exact SHA-256, and nothing listed is missing. Names are plain file names;
 * paths, {@code ./} prefixes and escaped names are refused. Guarantees the bytes as read here;
 * the caller installs from the bundle folder afterwards, so {@link Provisioner} re-checks the
 * staged copies with {@link #hashesMatch} and the hashes of {@link Result#listed()}.
 */
public final class BundleSignature {

  private static final int MAX_SUMS_BYTES = 64 * 1024;
  private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *]([A-Za-z0-9][A-Za-z0-9._-]*)");

  private BundleSignature() {}

  /**
   * What verifying found: the problems (none when the bundle is signed by the key and every file
   * matches), and the hashes the signed list holds, to re-check a staged copy with.
   */
  public record Result(List<Finding> problems, Map<String, String> listed) {}

  /** Checks the signature of {@code bundle} with {@code operatorKey}, named {@code keyName} in messages. */
  public static Result verify(Bundle bundle, PublicKey operatorKey, String keyName) {
    List<Finding> problems = new ArrayList<>();
    Map<String, String> listed = new HashMap<>();
    Path sumsFile = bundle.file(Bundle.SUMS);
    Path signatureFile = bundle.file(Bundle.SIGNATURE);
    if (!bundle.has(Bundle.SUMS) || !bundle.has(Bundle.SIGNATURE)) {
      problems.add(Finding.error(bundle.dir(), "not signed: " + Bundle.SUMS + " and " + Bundle.SIGNATURE
          + " signed by " + keyName + " are required (see provisioning/README.md)"));
      return new Result(problems, listed);
    }
    byte[] sums;
    try {
      if (Files.size(sumsFile) > MAX_SUMS_BYTES) {
        problems.add(Finding.error(sumsFile, "larger than " + MAX_SUMS_BYTES + " bytes"));
        return new Result(problems, listed);
      }
      sums = Files.readAllBytes(sumsFile);
      if (!signatureValid(sums, Files.readAllBytes(signatureFile), operatorKey)) {
        problems.add(Finding.error(signatureFile, "not a valid signature of " + Bundle.SUMS + " by " + keyName));
        return new Result(problems, listed);
      }
    } catch (IOException e) {
      problems.add(Finding.error(sumsFile, "cannot be read: " + e.getMessage()));
      return new Result(problems, listed);
    }
    String[] lines = new String(sums, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() && i == lines.length - 1) {
        continue;
      }
      Matcher match = LINE.matcher(line);
      if (!match.matches()) {
        problems.add(Finding.error(sumsFile, "line " + (i + 1) + " is not \"<sha256 hex>  <file name>\""));
        continue;
      }
      String name = match.group(2);
      if (name.equals(Bundle.SUMS) || name.equals(Bundle.SIGNATURE) || !Bundle.KNOWN.contains(name)) {
        problems.add(Finding.error(sumsFile, "line " + (i + 1) + " lists \"" + name + "\", which is not a bundle file"));
      } else if (listed.putIfAbsent(name, match.group(1).toLowerCase(java.util.Locale.ROOT)) != null) {
        problems.add(Finding.error(sumsFile, "line " + (i + 1) + " lists \"" + name + "\" a second time"));
      }
    }
    for (String name : bundle.files()) {
      if (!name.equals(Bundle.SUMS) && !name.equals(Bundle.SIGNATURE) && !listed.containsKey(name)) {
        problems.add(Finding.error(bundle.file(name), "not listed in " + Bundle.SUMS + "; an unsigned file is refused"));
      }
    }
    for (Map.Entry<String, String> entry : listed.entrySet()) {
      if (!bundle.has(entry.getKey())) {
        problems.add(Finding.error(bundle.file(entry.getKey()), "listed in " + Bundle.SUMS + " but missing"));
      }
    }
    problems.addAll(hashesMatch(bundle.dir(), listed));
    return new Result(problems, Map.copyOf(listed));
  }

  /** Every listed file present in {@code dir} has its listed hash. */
  public static List<Finding> hashesMatch(Path dir, Map<String, String> listed) {
    List<Finding> problems = new ArrayList<>();
    for (Map.Entry<String, String> entry : listed.entrySet()) {
      Path file = dir.resolve(entry.getKey());
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try {
        if (!sha256(file).equals(entry.getValue())) {
          problems.add(Finding.error(file, "changed after signing (SHA-256 differs from " + Bundle.SUMS + ")"));
        }
      } catch (IOException e) {
        problems.add(Finding.error(file, "cannot be read: " + e.getMessage()));
      }
    }
    return problems;
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static boolean signatureValid(byte[] data, byte[] signature, PublicKey key) {
    try {
      Signature verifier = Signature.getInstance(Pem.signatureAlgorithm(key.getAlgorithm()));
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // a malformed signature is as bad as a wrong one
    }
  }
}
