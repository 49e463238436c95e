package org.sensoragent.drivers.sht3x;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.sensoragent.drivers.i2c.I2cDevice;

/**
 * An SHT3x: 16-bit commands, answers of 16-bit words each followed by its CRC-8 (datasheet 4).
 * Encodes temperature and humidity like the chip (4.13). A read with no answer pending is NACKed,
 * as the chip does.
 */
public final class Sht3xEmulator implements I2cDevice {

  private final String location;
  private final Set<Integer> failing = new HashSet<>();
  private int rawTemperature;
  private int rawHumidity;
  private int status = 0x8010; // alert pending, reset detected: the power-on state
  private boolean corruptNextCrc;
  private byte[] pending;

  public Sht3xEmulator(String location) {
    this.location = location;
    setTemperature(21.0).setHumidity(45.0);
  }

  public Sht3xEmulator() {
    this("i2c-1/0x44");
  }

  public Sht3xEmulator setTemperature(double celsius) {
    rawTemperature = (int) Math.round((celsius + 45.0) * 65535.0 / 175.0);
    return this;
  }

  public Sht3xEmulator setHumidity(double percentRh) {
    rawHumidity = (int) Math.round(percentRh * 65535.0 / 100.0);
    return this;
  }

  /** Flips one bit of the next CRC byte sent, as line noise would. */
  public Sht3xEmulator corruptNextCrc() {
    corruptNextCrc = true;
    return this;
  }

  /** Every later {@code command} is NACKed. */
  public Sht3xEmulator failOn(int command) {
    failing.add(command);
    return this;
  }

  /** Makes every later read NACK, as when the chip is unplugged after a command. */
  public Sht3xEmulator failReads() {
    failing.add(-1);
    return this;
  }

  @Override
  public void writeThenRead(byte[] write, byte[] read) throws IOException {
    if (write.length > 0) {
      if (write.length != 2) {
        throw new IOException("NACK (emulated): commands are 2 bytes, got " + write.length);
      }
      int command = (write[0] & 0xFF) << 8 | (write[1] & 0xFF);
      if (failing.contains(command)) {
        throw new IOException(String.format("NACK (emulated) on command 0x%04x", command));
      }
      pending = switch (command) {
        case 0x2400 -> words(rawTemperature, rawHumidity);
        case 0xF32D -> words(status);
        default -> throw new IOException(String.format("NACK (emulated): unknown 0x%04x", command));
      };
    }
    if (read.length > 0) {
      if (pending == null || failing.contains(-1)) {
        throw new IOException("NACK (emulated): no data pending");
      }
      System.arraycopy(pending, 0, read, 0, Math.min(read.length, pending.length));
      pending = null;
    }
  }

  private byte[] words(int... words) {
    byte[] bytes = new byte[words.length * 3];
    for (int i = 0; i < words.length; i++) {
      bytes[3 * i] = (byte) (words[i] >> 8);
      bytes[3 * i + 1] = (byte) words[i];
      int crc = Sht3x.crc8(words[i] >> 8, words[i]);
      if (corruptNextCrc) {
        crc ^= 0x01;
        corruptNextCrc = false;
      }
      bytes[3 * i + 2] = (byte) crc;
    }
    return bytes;
  }

  @Override
  public String location() {
    return location;
  }
}
