package org.sensoragent.agent.transport.coap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sensoragent.agent.config.ConfigException;
import org.sensoragent.agent.provisioning.Provisioning;
import org.tinylog.Logger;

/**
 * The DTLS pre-shared key of a {@code coaps://} device: the identity from {@code psk.identity}
 * (UTF-8, one line) and the key from {@code psk.key} (hex, at least {@value #MIN_KEY_BYTES} bytes).
 * The key never appears in a message, a log line or {@link #toString()}; error messages name the
 * file and what is wrong with it, not its content. Immutable and thread-safe.
 */
public final class PskCredentials {

  /** 128 bits: the key strength of AES-128, the cipher of every suite offered. */
  public static final int MIN_KEY_BYTES = 16;
  /** RFC 4279 section 5.1: an identity is at most 2^16-1 bytes. */
  static final int MAX_IDENTITY_BYTES = 65_535;

  private static final Set<PosixFilePermission> GROUP_OR_OTHERS_READ =
      Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

  private final String identity;
  private final byte[] key;
  private final List<String> warnings;

  PskCredentials(String identity, byte[] key, List<String> warnings) {
    this.identity = identity;
    this.key = key.clone();
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Reads {@code psk.identity} and {@code psk.key} through {@link Provisioning#file(String)}, so the
   * key comes from {@code $CREDENTIALS_DIRECTORY} under systemd. A key file readable by group or
   * others is used, but a WARN line says so (and {@link #warnings()} lists it).
   *
   * @throws ConfigException naming the file when one is missing, unreadable or malformed
   */
  public static PskCredentials load(Provisioning provisioning) throws ConfigException {
    Path identityFile = provisioning.file(Provisioning.PSK_IDENTITY);
    Path keyFile = provisioning.file(Provisioning.PSK_KEY);
    String identity = readIdentity(identityFile);
    byte[] key = readKey(keyFile);
    try {
      List<String> warnings = new ArrayList<>();
      permissionWarning(keyFile).ifPresent(warning -> {
        Logger.warn(warning);
        warnings.add(warning);
      });
      return new PskCredentials(identity, key, warnings);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * The identity in {@code file}, checked as {@link #load} checks it; for validating a bundle.
   *
   * @throws ConfigException naming the file and what is wrong with it
   */
  public static String readIdentity(Path file) throws ConfigException {
    return identity(file, read(file));
  }

  /**
   * The key in {@code file}, checked as {@link #load} checks it; the caller wipes it after use.
   *
   * @throws ConfigException naming the file and what is wrong, never the key
   */
  public static byte[] readKey(Path file) throws ConfigException {
    byte[] content = read(file);
    try {
      return key(file, content);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  public String identity() {
    return identity;
  }

  /** A copy of the key; the caller should wipe it when done. */
  public byte[] key() {
    return key.clone();
  }

  /** What {@link #load} warned about (a key file readable by others); empty when all is well. */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "PSK identity \"" + identity + "\" (key " + key.length + " bytes, not shown)";
  }

  private static byte[] read(Path file) throws ConfigException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": missing; a coaps:// endpoint needs "
          + Provisioning.PSK_IDENTITY + " and " + Provisioning.PSK_KEY);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e, e);
    }
  }

  static String identity(Path file, byte[] content) throws ConfigException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(file + ": is not UTF-8 text");
    }
    // one line: a single trailing line break, as editors and `echo` write it, is not part of it
    String line = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
        : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (line.isEmpty()) {
      throw new ConfigException(file + ": is empty; it must hold the PSK identity on one line");
    }
    if (line.contains("\n") || line.contains("\r")) {
      throw new ConfigException(file + ": must hold the PSK identity on exactly one line");
    }
    if (line.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTITY_BYTES) {
      throw new ConfigException(file + ": the PSK identity is longer than " + MAX_IDENTITY_BYTES + " bytes");
    }
    return line;
  }

  /** Decodes the hex key without ever putting its digits into a message. */
  static byte[] key(Path file, byte[] content) throws ConfigException {
    int start = 0;
    int end = content.length;
    while (start < end && Character.isWhitespace(content[start])) {
      start++;
    }
    while (end > start && Character.isWhitespace(content[end - 1])) {
      end--;
    }
    int digits = end - start;
    if (digits == 0) {
      throw new ConfigException(file + ": is empty; it must hold the PSK as hex digits (e.g. from `openssl rand -hex 16`)");
    }
    for (int i = start; i < end; i++) {
      if (Character.digit(content[i], 16) < 0) {
        throw new ConfigException(file + ": is not hex; it must hold the PSK as hex digits only "
            + "(0-9, a-f), e.g. from `openssl rand -hex 16`");
      }
    }
    if (digits % 2 != 0) {
      throw new ConfigException(file + ": has an odd number of hex digits (" + digits + "); a key is whole bytes");
    }
    if (digits / 2 < MIN_KEY_BYTES) {
      throw new ConfigException(file + ": the PSK is " + digits / 2 + " bytes; at least " + MIN_KEY_BYTES
          + " (" + 2 * MIN_KEY_BYTES + " hex digits) are required");
    }
    byte[] key = new byte[digits / 2];
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (hex.fromHexDigit(content[start + 2 * i]) << 4 | hex.fromHexDigit(content[start + 2 * i + 1]));
    }
    return key;
  }

  static Optional<String> permissionWarning(Path file) throws ConfigException {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return Optional.empty(); // no POSIX modes on this file system: nothing to check
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read its permissions: " + e, e);
    }
    if (permissions.stream().noneMatch(GROUP_OR_OTHERS_READ::contains)) {
      return Optional.empty();
    }
    return Optional.of(file + " is readable by group or others (mode "
        + PosixFilePermissions.toString(permissions)
        + "); a secret key file should be mode 0600 (chmod 600 " + file + ")");
  }
}
