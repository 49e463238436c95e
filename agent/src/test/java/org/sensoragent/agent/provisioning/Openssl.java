package org.sensoragent.agent.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code openssl} command line for tests, so that every key and certificate is made the
 * way an operator makes them. A missing openssl fails the test and names the package to install.
 */
public final class Openssl {

  private Openssl() {}

  /** Runs {@code openssl args} in {@code dir}; returns standard output; fails the test on error. */
  public static String run(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    return exec(dir, command);
  }

  /** Runs any command (bash scripts under test); fails the test naming the output on error. */
  public static String exec(Path dir, List<String> command) {
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(command.get(0) + " cannot be run (" + e.getMessage() + "): install the package `"
          + command.get(0).replaceAll(".*/", "") + "`", e);
    }
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
      }
      return output;
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(String.join(" ", command) + ": " + e, e);
    }
  }

  public static Path ecKey(Path file) {
    run(file.getParent(), "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file.toString());
    return file;
  }

  public static Path publicKey(Path key, Path out) {
    run(key.getParent(), "pkey", "-in", key.toString(), "-pubout", "-out", out.toString());
    return out;
  }

  /** A self-signed CA certificate {@code <name>.pem} with its key {@code <name>.key}. */
  public static Path ca(Path dir, String name, int days) throws IOException {
    Path config = dir.resolve(name + ".cnf");
    Files.writeString(config, String.join("\n", "[req]", "distinguished_name = dn", "x509_extensions = ca", "prompt = no",
        "[dn]", "CN = test CA " + name, "[ca]", "basicConstraints = critical, CA:TRUE",
        "keyUsage = critical, keyCertSign, cRLSign", "subjectKeyIdentifier = hash", ""));
    Path key = ecKey(dir.resolve(name + ".key"));
    Path pem = dir.resolve(name + ".pem");
    run(dir, "req", "-new", "-x509", "-config", config.toString(), "-key", key.toString(), "-days", String.valueOf(days),
        "-sha256", "-out", pem.toString());
    return pem;
  }

  /** Signs {@code csr} with the CA {@code ca} ({@code ca.pem} + {@code ca.key} beside it) into {@code out}. */
  public static Path issue(Path csr, Path caPem, int days, String extendedKeyUsage, Path out) throws IOException {
    Path caKey = caPem.resolveSibling(caPem.getFileName().toString().replace(".pem", ".key"));
    Path ext = out.resolveSibling(out.getFileName() + ".ext");
    Files.writeString(ext, "[leaf]\nbasicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature\n"
        + "extendedKeyUsage = " + extendedKeyUsage + "\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n");
    run(out.getParent(), "x509", "-req", "-in", csr.toString(), "-CA", caPem.toString(), "-CAkey", caKey.toString(),
        "-set_serial", "0x" + Long.toHexString(System.nanoTime()), "-days", String.valueOf(days), "-sha256",
        "-extfile", ext.toString(), "-extensions", "leaf", "-out", out.toString());
    Files.delete(ext);
    return out;
  }

  /** A CSR with subject CN={@code cn} for {@code key}. */
  public static Path csr(Path key, String cn, Path out) {
    run(out.getParent(), "req", "-new", "-key", key.toString(), "-subj", "/CN=" + cn, "-out", out.toString());
    return out;
  }

  /** Writes SHA256SUMS over every other file of {@code bundle} and signs it with {@code operatorKey}. */
  public static void sign(Path bundle, Path operatorKey) throws IOException {
    StringBuilder sums = new StringBuilder();
    try (var files = Files.list(bundle)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!name.equals(Bundle.SUMS) && !name.equals(Bundle.SIGNATURE)) {
          String digest = run(bundle, "dgst", "-sha256", "-r", name).split(" ")[0];
          sums.append(digest).append("  ").append(name).append('\n');
        }
      }
    }
    Files.writeString(bundle.resolve(Bundle.SUMS), sums);
    run(bundle, "dgst", "-sha256", "-sign", operatorKey.toString(), "-out", Bundle.SIGNATURE, Bundle.SUMS);
  }
}
