package org.sensoragent.agent.provisioning;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The rule for a CoAP pre-shared key: {@code psk.identity} is one non-empty UTF-8 line,
 * {@code psk.key} is hex for at least {@value #MIN_KEY_BYTES} bytes. The same rule lives in
 * {@code transport.coap.PskCredentials}; the integrator keeps one of the two and points
 * {@link #problems} at it. Messages name the file, never the key.
 */
public final class PskRule {

  public static final int MIN_KEY_BYTES = 16;

  private PskRule() {}

  /** Every way the two files break the rule, one line each naming the file; empty when usable. */
  public static List<String> problems(Path identityFile, Path keyFile) {
    List<String> problems = new ArrayList<>();
    try {
      String identity = oneLine(identityFile);
      if (identity.isEmpty()) {
        problems.add(identityFile + ": empty; the PSK identity must be one non-empty line");
      } else if (identity.contains("\n") || identity.contains("\r")) {
        problems.add(identityFile + ": more than one line; the PSK identity must be one line");
      }
    } catch (IOException e) {
      problems.add(identityFile + ": " + e.getMessage());
    }
    try {
      String hex = oneLine(keyFile).strip();
      if (hex.length() % 2 != 0 || !hex.matches("[0-9A-Fa-f]*")) {
        problems.add(keyFile + ": not hex (only 0-9, a-f, an even count of digits)");
      } else if (hex.length() / 2 < MIN_KEY_BYTES) {
        problems.add(keyFile + ": key is " + hex.length() / 2 + " bytes; at least " + MIN_KEY_BYTES + " are needed");
      }
    } catch (IOException e) {
      problems.add(keyFile + ": " + e.getMessage());
    }
    return problems;
  }

  /** The key bytes of a file that passed {@link #problems}. */
  public static byte[] keyBytes(Path keyFile) throws IOException {
    return HexFormat.of().parseHex(oneLine(keyFile).strip());
  }

  /** The file as UTF-8 without its one trailing newline; malformed UTF-8 is an IOException. */
  static String oneLine(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException("missing");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException("not valid UTF-8");
    }
    if (text.endsWith("\r\n")) {
      return text.substring(0, text.length() - 2);
    }
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }
}
