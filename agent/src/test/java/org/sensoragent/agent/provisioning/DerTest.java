package org.sensoragent.agent.provisioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DER encodings byte by byte, against X.690 and the encodings every ASN.1 dump shows. */
class DerTest {

  @Test
  void integersInTheFewestTwosComplementBytes() {
    assertHex("02 01 00", Der.integer(0)); // INTEGER, length 1, 0
    assertHex("02 01 7F", Der.integer(127));
    assertHex("02 02 00 80", Der.integer(128)); // a leading 00 keeps 0x80 positive
    assertHex("02 02 01 00", Der.integer(256));
    assertHex("02 01 FF", Der.integer(-1));
  }

  @Test
  void objectIdentifiers() {
    // OBJECT IDENTIFIER, length 8; 2A = 1*40+2; 86 48 = 840 (6*128+72); CE 3D = 10045 (78*128+61); 04 03 02
    assertHex("06 08 2A 86 48 CE 3D 04 03 02", Der.oid("1.2.840.10045.4.3.2"));
    // 55 = 2*40+5, then 4 and 3: commonName
    assertHex("06 03 55 04 03", Der.oid("2.5.4.3"));
    // 86 F7 0D = 113549 (6*128*128 + 119*128 + 13): rsaEncryption
    assertHex("06 09 2A 86 48 86 F7 0D 01 01 01", Der.oid("1.2.840.113549.1.1.1"));
    // arc 2 takes the first two arcs' values above 80: 2.999 is 1079 = 88 37
    assertHex("06 03 88 37 03", Der.oid("2.999.3"));
    assertThrows(IllegalArgumentException.class, () -> Der.oid("1"));
    assertThrows(IllegalArgumentException.class, () -> Der.oid("1.40"));
    assertThrows(IllegalArgumentException.class, () -> Der.oid("3.1"));
  }

  @Test
  void lengthsInShortAndLongForm() {
    assertHex("04 00", Der.octetString(new byte[0]));
    // 127 is the largest length of the short form: one byte, the length itself
    assertEquals("047f", hex(Der.octetString(new byte[127])).substring(0, 4));
    // 128 and up: 81 = "one length byte follows", then 80
    assertEquals("048180", hex(Der.octetString(new byte[128])).substring(0, 6));
    // 200 = C8 in one byte
    assertEquals("0481c8", hex(Der.octetString(new byte[200])).substring(0, 6));
    // 300 = 01 2C: 82 = "two length bytes follow"
    assertEquals("0482012c", hex(Der.octetString(new byte[300])).substring(0, 8));
    // 65536 = 01 00 00: three bytes
    assertEquals("048301000000", hex(Der.octetString(new byte[65536])).substring(0, 12));
    assertEquals(300 + 4, Der.octetString(new byte[300]).length);
  }

  @Test
  void stringsNullAndBitStrings() {
    assertHex("0C 05 68 65 6C 6C 6F", Der.utf8String("hello"));
    assertHex("0C 02 C3 A9", Der.utf8String("\u00e9")); // é is two bytes in UTF-8
    assertHex("05 00", Der.nullValue());
    // BIT STRING, length 3: 00 unused bits, then the two bytes
    assertHex("03 03 00 AB CD", Der.bitString(new byte[] {(byte) 0xAB, (byte) 0xCD}));
  }

  @Test
  void constructedTypes() {
    // SEQUENCE { INTEGER 0, NULL }
    assertHex("30 05 02 01 00 05 00", Der.sequence(Der.integer(0), Der.nullValue()));
    // SET OF sorts its elements by encoding: INTEGER 1 (02..) before NULL (05..), INTEGER 1 before INTEGER 2
    assertHex("31 08 02 01 01 02 01 02 05 00", Der.setOf(Der.nullValue(), Der.integer(2), Der.integer(1)));
    // [0] constructed, empty: PKCS#10's "no attributes"
    assertHex("A0 00", Der.context0());
    // a sequence longer than 127 bytes takes the long form too: 81 C8 for 200
    assertEquals("3081c8", hex(Der.sequence(new byte[200])).substring(0, 6));
  }

  @Test
  void readsBackWhatItWrites() {
    byte[] der = Der.sequence(Der.integer(0), Der.sequence(Der.oid("1.2.840.10045.2.1"), Der.oid("1.2.840.10045.3.1.7")),
        Der.octetString(new byte[300]), Der.context0(Der.oid("1.3.132.0.34")));

    Der.Element top = Der.read(der);

    assertEquals(Der.SEQUENCE, top.tag());
    List<Der.Element> children = top.children();
    assertEquals(List.of(Der.INTEGER, Der.SEQUENCE, Der.OCTET_STRING, Der.CONTEXT_0), children.stream().map(Der.Element::tag).toList());
    assertEquals("1.2.840.10045.2.1", top.child(1, Der.SEQUENCE).child(0, Der.OID).oid());
    assertEquals("1.2.840.10045.3.1.7", top.child(1, Der.SEQUENCE).child(1, Der.OID).oid());
    assertEquals(300, children.get(2).content().length);
    assertEquals("1.3.132.0.34", children.get(3).child(0, Der.OID).oid());
    assertEquals("2.999.3", Der.read(Der.oid("2.999.3")).oid());
    assertEquals("1.2.840.113549.1.1.1", Der.read(Der.oid("1.2.840.113549.1.1.1")).oid());
  }

  @Test
  void malformedInputIsRefused() {
    assertRefused("30 03 02 01"); // SEQUENCE says 3 bytes, 2 follow
    assertRefused("30 80 02 01 00 00 00"); // indefinite length: BER, not DER
    assertRefused("04 84 00 00 00 01 00"); // four length bytes: more than any key needs
    assertRefused("05 00 05 00"); // a second element after the one expected
    assertRefused("1F 01 00"); // multi-byte tag
    assertRefused("30"); // no length
    assertRefused(""); // nothing
    assertThrows(IllegalArgumentException.class, () -> Der.read(hexBytes("06 02 2A 86")).oid()); // last OID byte continues
    assertThrows(IllegalArgumentException.class, () -> Der.read(hexBytes("02 01 00")).children()); // INTEGER is primitive
    assertThrows(IllegalArgumentException.class, () -> Der.read(hexBytes("30 03 02 01 00")).child(0, Der.OID));
    assertThrows(IllegalArgumentException.class, () -> Der.read(hexBytes("30 03 02 01 00")).child(1, Der.INTEGER));
  }

  private static void assertRefused(String hex) {
    assertThrows(IllegalArgumentException.class, () -> Der.read(hexBytes(hex)), hex);
  }

  private static void assertHex(String expected, byte[] actual) {
    assertArrayEquals(hexBytes(expected), actual, () -> expected + " but was " + hex(actual));
  }

  private static byte[] hexBytes(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
