package org.sensoragent.agent.provisioning;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little DER (ITU-T X.690) that PEM keys and a PKCS#10 request need, so that the agent ships no
 * ASN.1 library: a few universal types to write, and tag-length-value elements to read back. Tags
 * are single bytes (every structure here uses tag numbers below 31) and lengths definite, as DER
 * requires. Malformed input is an {@link IllegalArgumentException} whose message holds no content.
 */
final class Der {

  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int UTF8_STRING = 0x0C;
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;
  /** Context-specific [0], constructed: SEC1's curve parameters, PKCS#10's attributes. */
  static final int CONTEXT_0 = 0xA0;

  private Der() {}

  static byte[] sequence(byte[]... elements) {
    return tlv(SEQUENCE, concat(Arrays.asList(elements)));
  }

  /** A SET OF: DER puts its elements in the order of their encodings, compared as unsigned bytes. */
  static byte[] setOf(byte[]... elements) {
    List<byte[]> sorted = new ArrayList<>(Arrays.asList(elements));
    sorted.sort(Arrays::compareUnsigned);
    return tlv(SET, concat(sorted));
  }

  static byte[] context0(byte[]... elements) {
    return tlv(CONTEXT_0, concat(Arrays.asList(elements)));
  }

  static byte[] integer(long value) {
    // two's complement in the fewest bytes, which is what DER asks for
    return tlv(INTEGER, BigInteger.valueOf(value).toByteArray());
  }

  /** An OBJECT IDENTIFIER from its dotted form, e.g. {@code 1.2.840.10045.2.1}. */
  static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.");
    if (parts.length < 2) {
      throw new IllegalArgumentException("an OID has at least two arcs: " + dotted);
    }
    long first = Long.parseLong(parts[0]);
    long second = Long.parseLong(parts[1]);
    if (first > 2 || (first < 2 && second > 39) || second < 0) {
      throw new IllegalArgumentException("not an OID: " + dotted);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    base128(out, first * 40 + second); // the first two arcs share one subidentifier
    for (int i = 2; i < parts.length; i++) {
      long arc = Long.parseLong(parts[i]);
      if (arc < 0) {
        throw new IllegalArgumentException("not an OID: " + dotted);
      }
      base128(out, arc);
    }
    return tlv(OID, out.toByteArray());
  }

  static byte[] utf8String(String text) {
    return tlv(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A BIT STRING of whole bytes: the leading content byte says 0 bits of the last byte are unused. */
  static byte[] bitString(byte[] bytes) {
    byte[] content = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, content, 1, bytes.length);
    return tlv(BIT_STRING, content);
  }

  static byte[] octetString(byte[] bytes) {
    return tlv(OCTET_STRING, bytes);
  }

  static byte[] nullValue() {
    return new byte[] {NULL, 0};
  }

  static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length); // short form: the length itself
    } else {
      // long form: 0x80 | how many bytes follow, then the length big-endian in that many bytes
      int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
        out.write(length >>> shift);
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** The one element {@code der} holds; anything after it is an error. */
  static Element read(byte[] der) {
    List<Element> elements = readAll(der);
    if (elements.size() != 1) {
      throw new IllegalArgumentException(elements.isEmpty() ? "DER: no element" : "DER: data after the element");
    }
    return elements.get(0);
  }

  /** The elements {@code der} holds one after another, such as the content of a SEQUENCE. */
  static List<Element> readAll(byte[] der) {
    List<Element> elements = new ArrayList<>();
    int at = 0;
    while (at < der.length) {
      int tag = der[at++] & 0xFF;
      if ((tag & 0x1F) == 0x1F) {
        throw new IllegalArgumentException("DER: multi-byte tag");
      }
      if (at == der.length) {
        throw new IllegalArgumentException("DER: element without a length");
      }
      int first = der[at++] & 0xFF;
      int length;
      if (first < 0x80) {
        length = first;
      } else {
        int bytes = first & 0x7F;
        if (bytes == 0) {
          throw new IllegalArgumentException("DER: indefinite length");
        }
        if (bytes > 3 || bytes > der.length - at) {
          throw new IllegalArgumentException("DER: length runs past the end");
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = length << 8 | der[at++] & 0xFF;
        }
      }
      if (length > der.length - at) {
        throw new IllegalArgumentException("DER: length runs past the end");
      }
      elements.add(new Element(tag, Arrays.copyOfRange(der, at, at + length)));
      at += length;
    }
    return elements;
  }

  private static void base128(ByteArrayOutputStream out, long value) {
    // seven bits a byte, most significant first; every byte but the last has its top bit set
    int groups = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 6) / 7);
    for (int group = groups - 1; group > 0; group--) {
      out.write((int) (value >>> (group * 7)) & 0x7F | 0x80);
    }
    out.write((int) value & 0x7F);
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** One element read back: its tag and its content, which for a constructed type is more elements. */
  static final class Element {
    private final int tag;
    private final byte[] content;

    Element(int tag, byte[] content) {
      this.tag = tag;
      this.content = content;
    }

    int tag() {
      return tag;
    }

    byte[] content() {
      return content.clone();
    }

    List<Element> children() {
      if ((tag & 0x20) == 0) {
        throw new IllegalArgumentException("DER: tag " + Integer.toHexString(tag) + " is not constructed");
      }
      return readAll(content);
    }

    /** The {@code index}th child, which must have tag {@code expected}. */
    Element child(int index, int expected) {
      List<Element> children = children();
      if (index >= children.size() || children.get(index).tag != expected) {
        throw new IllegalArgumentException("DER: no element with tag " + Integer.toHexString(expected) + " at " + index);
      }
      return children.get(index);
    }

    /** The dotted form of an OBJECT IDENTIFIER. */
    String oid() {
      if (tag != OID || content.length == 0 || (content[content.length - 1] & 0x80) != 0) {
        throw new IllegalArgumentException("DER: not an OID");
      }
      StringBuilder dotted = new StringBuilder();
      long value = 0;
      for (byte b : content) {
        if (value >>> 56 != 0) {
          throw new IllegalArgumentException("DER: OID arc too large");
        }
        value = value << 7 | b & 0x7F;
        if ((b & 0x80) == 0) {
          if (dotted.length() == 0) {
            long first = Math.min(value / 40, 2); // arcs 0 and 1 take 40 values each, arc 2 the rest
            dotted.append(first).append('.').append(value - first * 40);
          } else {
            dotted.append('.').append(value);
          }
          value = 0;
        }
      }
      return dotted.toString();
    }
  }
}
