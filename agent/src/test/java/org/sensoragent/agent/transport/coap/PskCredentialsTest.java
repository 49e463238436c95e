package org.sensoragent.agent.transport.coap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.config.ConfigException;
import org.sensoragent.agent.provisioning.Provisioning;

class PskCredentialsTest {

  private static final String KEY_HEX = "00112233445566778899aabbccddeeff";

  @TempDir Path dir;
  private Provisioning provisioning;

  @BeforeEach
  void provision() throws Exception {
    provisioning = new Provisioning("room-1", URI.create("coaps://collector.example.net"), dir, null);
    Files.writeString(dir.resolve("psk.identity"), "room-1\n");
    writeKey(KEY_HEX + "\n", "rw-------");
  }

  private void writeKey(String content, String mode) throws Exception {
    Path file = dir.resolve("psk.key");
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
  }

  @Test
  void readsIdentityAndHexKey() throws Exception {
    PskCredentials credentials = PskCredentials.load(provisioning);

    assertEquals("room-1", credentials.identity());
    assertArrayEquals(HexFormat.of().parseHex(KEY_HEX), credentials.key());
    assertTrue(credentials.warnings().isEmpty(), credentials.warnings().toString());
    assertFalse(credentials.toString().contains(KEY_HEX), credentials.toString());
  }

  @Test
  void acceptsUpperCaseHexAndCrLf() throws Exception {
    Files.writeString(dir.resolve("psk.identity"), "Raum-Süd\r\n");
    writeKey(KEY_HEX.toUpperCase() + "\r\n", "rw-------");

    PskCredentials credentials = PskCredentials.load(provisioning);

    assertEquals("Raum-Süd", credentials.identity());
    assertArrayEquals(HexFormat.of().parseHex(KEY_HEX), credentials.key());
  }

  @Test
  void badHexNamesTheFileButNotTheKey() throws Exception {
    writeKey("00112233445566778899aabbccddeefg", "rw-------");

    ConfigException e = assertThrows(ConfigException.class, () -> PskCredentials.load(provisioning));

    assertTrue(e.getMessage().startsWith(dir.resolve("psk.key") + ": is not hex"), e.getMessage());
    assertFalse(e.getMessage().contains("0011223344"), e.getMessage());
  }

  @Test
  void aKeyShorterThan16BytesIsRefused() throws Exception {
    writeKey("00112233445566778899aabbccddee", "rw-------"); // 15 bytes

    ConfigException e = assertThrows(ConfigException.class, () -> PskCredentials.load(provisioning));

    assertTrue(e.getMessage().contains("psk.key: the PSK is 15 bytes; at least 16"), e.getMessage());
    assertFalse(e.getMessage().contains("0011223344"), e.getMessage());
  }

  @Test
  void anOddNumberOfDigitsIsRefused() throws Exception {
    writeKey(KEY_HEX + "0", "rw-------");

    ConfigException e = assertThrows(ConfigException.class, () -> PskCredentials.load(provisioning));

    assertTrue(e.getMessage().contains("odd number of hex digits"), e.getMessage());
  }

  @Test
  void aMissingKeyFileIsNamed() throws Exception {
    Files.delete(dir.resolve("psk.key"));

    ConfigException e = assertThrows(ConfigException.class, () -> PskCredentials.load(provisioning));

    assertEquals(dir.resolve("psk.key") + ": missing; a coaps:// endpoint needs psk.identity and psk.key", e.getMessage());
  }

  @Test
  void aMissingIdentityFileIsNamed() throws Exception {
    Files.delete(dir.resolve("psk.identity"));

    ConfigException e = assertThrows(ConfigException.class, () -> PskCredentials.load(provisioning));

    assertTrue(e.getMessage().startsWith(dir.resolve("psk.identity") + ": missing"), e.getMessage());
  }

  @Test
  void anIdentityMustBeOneNonEmptyLine() throws Exception {
    Files.writeString(dir.resolve("psk.identity"), "\n");
    assertTrue(assertThrows(ConfigException.class, () -> PskCredentials.load(provisioning))
        .getMessage().contains("is empty"));

    Files.writeString(dir.resolve("psk.identity"), "room-1\nroom-2\n");
    assertTrue(assertThrows(ConfigException.class, () -> PskCredentials.load(provisioning))
        .getMessage().contains("exactly one line"));
  }

  @Test
  void aWorldReadableKeyIsUsedWithAWarning() throws Exception {
    writeKey(KEY_HEX, "rw-r--r--");

    PskCredentials credentials = PskCredentials.load(provisioning);

    assertEquals(1, credentials.warnings().size());
    String warning = credentials.warnings().get(0);
    assertTrue(warning.startsWith(dir.resolve("psk.key") + " is readable by group or others (mode rw-r--r--)"), warning);
    assertFalse(warning.contains(KEY_HEX), warning);
  }

  @Test
  void aGroupReadableKeyIsWarnedAboutToo() throws Exception {
    writeKey(KEY_HEX, "rw-r-----");

    assertEquals(1, PskCredentials.load(provisioning).warnings().size());
  }

  @Test
  void theKeyComesFromTheCredentialsDirectoryWhenSystemdPassesIt() throws Exception {
    Path credentialsDir = Files.createDirectory(dir.resolve("credentials"));
    Path key = credentialsDir.resolve("psk.key");
    Files.writeString(key, "ffeeddccbbaa99887766554433221100");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
    Provisioning withCredentials = new Provisioning("room-1", provisioning.endpoint(), dir, credentialsDir);

    PskCredentials credentials = PskCredentials.load(withCredentials);

    assertArrayEquals(HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100"), credentials.key());
  }
}
