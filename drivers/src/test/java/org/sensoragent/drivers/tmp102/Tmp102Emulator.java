package org.sensoragent.drivers.tmp102;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.sensoragent.drivers.i2c.I2cDevice;

/**
 * A TMP102 as its datasheet describes it: a pointer register selecting one of four 16-bit
 * registers, read MSB first. Encodes a temperature like the chip (7.5.4).
 */
public final class Tmp102Emulator implements I2cDevice {

  private final String location;
  private final int[] registers = {0x0000, 0x60A0, 0x4B00, 0x5000}; // power-on values, table 7
  private final Set<Integer> failing = new HashSet<>();
  private int pointer;

  public Tmp102Emulator(String location) {
    this.location = location;
  }

  public Tmp102Emulator() {
    this("i2c-1/0x48");
  }

  /** Encodes like the chip: 12-bit left-justified, or 13-bit with bit 0 set in extended mode. */
  public Tmp102Emulator setTemperature(double celsius) {
    int lsbs = (int) Math.round(celsius / 0.0625);
    boolean extended = (registers[1] & 0x0010) != 0;
    registers[0] = extended ? (lsbs & 0x1FFF) << 3 | 0x0001 : (lsbs & 0x0FFF) << 4;
    return this;
  }

  /** Sets the EM bit (configuration byte 2, bit 4): 13-bit temperatures up to 150 °C. */
  public Tmp102Emulator setExtendedMode(boolean extended) {
    registers[1] = extended ? registers[1] | 0x0010 : registers[1] & ~0x0010;
    return this;
  }

  /** Overwrites a register with a raw word, for datasheet vectors and wrong chips. */
  public Tmp102Emulator setRegister(int register, int word) {
    registers[register] = word;
    return this;
  }

  /** Every later access to {@code register} is NACKed. */
  public Tmp102Emulator failOn(int register) {
    failing.add(register);
    return this;
  }

  @Override
  public void writeThenRead(byte[] write, byte[] read) throws IOException {
    if (write.length > 0) {
      pointer = write[0] & 0x03;
      check();
      if (write.length == 3 && pointer != 0) { // the temperature register is read-only
        registers[pointer] = (write[1] & 0xFF) << 8 | (write[2] & 0xFF);
      }
    }
    if (read.length > 0) {
      check();
      for (int i = 0; i < read.length; i++) {
        read[i] = (byte) (i % 2 == 0 ? registers[pointer] >> 8 : registers[pointer]);
      }
    }
  }

  private void check() throws IOException {
    if (failing.contains(pointer)) {
      throw new IOException(String.format("NACK (emulated) at register 0x%02x", pointer));
    }
  }

  @Override
  public String location() {
    return location;
  }
}
