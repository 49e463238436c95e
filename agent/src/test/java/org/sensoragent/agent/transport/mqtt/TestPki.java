package org.sensoragent.agent.transport.mqtt;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.sensoragent.agent.config.ConfigException;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.provisioning.ProvisioningLoader;

/**
 * A throw-away PKI made with the {@code openssl} CLI (Debian package {@code openssl}) in a test's
 * folder: CAs, broker and device certificates, expired ones, keys in every PEM form openssl writes,
 * and provisioning folders. Reusable by any test (end-to-end, benchmarks); a missing openssl fails
 * the test with the package name, it never skips. Not thread-safe.
 */
public final class TestPki {

  /** How a private key is written: {@code PRIVATE KEY}, {@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}. */
  public enum KeyForm { PKCS8_EC, SEC1_EC, PKCS8_RSA, PKCS1_RSA }

  public record Ca(String name, Path cert, Path key) {}

  public record Identity(Path cert, Path key) {}

  private final Path dir;

  public TestPki(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    Tools.require("openssl", "openssl");
  }

  public Path dir() {
    return dir;
  }

  /** A private key in the given form, as {@code <name>.key}. */
  public Path key(String name, KeyForm form) throws IOException {
    Path key = dir.resolve(name + ".key");
    switch (form) {
      case PKCS8_EC, SEC1_EC -> openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key);
      case PKCS8_RSA, PKCS1_RSA -> openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key);
    }
    if (form == KeyForm.SEC1_EC) {
      openssl("ec", "-in", key, "-out", key);
    } else if (form == KeyForm.PKCS1_RSA) {
      openssl("rsa", "-traditional", "-in", key, "-out", key);
    }
    return key;
  }

  /** A self-signed CA valid for ten years. */
  public Ca ca(String name) throws IOException {
    Path key = key(name, KeyForm.PKCS8_EC);
    Path cert = dir.resolve(name + ".pem");
    openssl("req", "-x509", "-new", "-key", key, "-out", cert, "-days", "3650", "-subj", "/CN=" + name,
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    return new Ca(name, cert, key);
  }

  /** A broker certificate for TLS servers, valid a year; {@code sans} like {@code DNS:localhost}, {@code IP:127.0.0.1}. */
  public Identity server(Ca ca, String name, String... sans) throws IOException {
    Path key = key(name, KeyForm.PKCS8_EC);
    return new Identity(sign(ca, name, key, "/CN=" + name, "serverAuth", List.of(sans), null), key);
  }

  /** A broker certificate that expired in 2020 (issued with {@code openssl ca -startdate/-enddate}). */
  public Identity expiredServer(Ca ca, String name, String... sans) throws IOException {
    Path key = key(name, KeyForm.PKCS8_EC);
    return new Identity(sign(ca, name, key, "/CN=" + name, "serverAuth", List.of(sans), "20200101000000Z:20200201000000Z"), key);
  }

  /** A device (client) certificate with {@code CN=cn}, valid a year, key in the given form. */
  public Identity client(Ca ca, String name, String cn, KeyForm form) throws IOException {
    Path key = key(name, form);
    return new Identity(sign(ca, name, key, "/CN=" + cn, "clientAuth", List.of(), null), key);
  }

  /** A provisioning folder as the USB bundle installs it, loaded through {@link ProvisioningLoader}. */
  public Provisioning provisioning(String name, String deviceId, URI endpoint, Ca ca, Identity device) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    Files.copy(ca.cert(), folder.resolve(Provisioning.CA), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(device.cert(), folder.resolve(Provisioning.DEVICE_CERT), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(device.key(), folder.resolve(Provisioning.DEVICE_KEY), StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(folder.resolve(Provisioning.TOML),
        "device = \"" + deviceId + "\"\nendpoint = \"" + endpoint + "\"\n", StandardCharsets.UTF_8);
    try {
      return ProvisioningLoader.load(folder, null);
    } catch (ConfigException e) {
      throw new IOException(e);
    }
  }

  private Path sign(Ca ca, String name, Path key, String subject, String usage, List<String> sans, String validity)
      throws IOException {
    Path csr = dir.resolve(name + ".csr");
    Path cert = dir.resolve(name + ".pem");
    Path ext = dir.resolve(name + ".ext");
    StringBuilder extensions = new StringBuilder("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n")
        .append("extendedKeyUsage=").append(usage).append('\n');
    if (!sans.isEmpty()) {
      extensions.append("subjectAltName=").append(String.join(",", sans)).append('\n');
    }
    Files.writeString(ext, extensions);
    openssl("req", "-new", "-key", key, "-subj", subject, "-out", csr);
    if (validity == null) {
      openssl("x509", "-req", "-in", csr, "-CA", ca.cert(), "-CAkey", ca.key(), "-days", "365", "-sha256",
          "-set_serial", serial(), "-extfile", ext, "-out", cert);
    } else {
      // openssl 3.0's x509 cannot back-date; "openssl ca" can, with a minimal config and database
      Path db = Files.createDirectories(dir.resolve(name + "-ca"));
      Files.writeString(db.resolve("index.txt"), "");
      Files.writeString(db.resolve("serial"), serial().substring(2) + "\n");
      Path config = db.resolve("ca.cnf");
      Files.writeString(config, "[ca]\ndefault_ca = d\n[d]\ndatabase = " + db.resolve("index.txt") + "\nnew_certs_dir = " + db
          + "\nserial = " + db.resolve("serial") + "\ndefault_md = sha256\npolicy = p\nunique_subject = no\n[p]\ncommonName = supplied\n");
      String[] dates = validity.split(":");
      openssl("ca", "-batch", "-config", config, "-cert", ca.cert(), "-keyfile", ca.key(), "-in", csr, "-out", cert,
          "-startdate", dates[0], "-enddate", dates[1], "-notext", "-extfile", ext);
    }
    return cert;
  }

  private static String serial() {
    return String.format("0x%016X", ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  private void openssl(Object... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    for (Object arg : args) {
      command.add(arg.toString());
    }
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + command, e);
    }
  }
}
