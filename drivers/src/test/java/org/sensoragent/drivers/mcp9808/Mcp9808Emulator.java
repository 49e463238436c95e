package org.sensoragent.drivers.mcp9808;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.sensoragent.drivers.i2c.I2cDevice;

/**
 * An MCP9808: a register pointer and 16-bit registers read MSB first (datasheet 5.1). Encodes the
 * ambient temperature like the chip: three alert flags, sign, 12 bits of 1/16 °C.
 */
public final class Mcp9808Emulator implements I2cDevice {

  private final String location;
  private final int[] registers = new int[16];
  private final Set<Integer> failing = new HashSet<>();
  private int pointer;
  private int flags;

  public Mcp9808Emulator(String location) {
    this.location = location;
    registers[0x01] = 0x0000; // configuration, power-on
    registers[0x06] = 0x0054; // manufacturer ID
    registers[0x07] = 0x0400; // device ID 0x04, revision 0x00
    registers[0x08] = 0x0003; // resolution +0.0625 °C
    setTemperature(21.0);
  }

  public Mcp9808Emulator() {
    this("i2c-1/0x18");
  }

  public Mcp9808Emulator setTemperature(double celsius) {
    int lsbs = (int) Math.round(celsius * 16);
    registers[0x05] = flags << 13 | (lsbs & 0x1FFF);
    return this;
  }

  /** Raises the Tcrit (4), Tupper (2), Tlower (1) flags in bits 15:13 of the ambient register. */
  public Mcp9808Emulator setAlertFlags(int tcritUpperLower) {
    flags = tcritUpperLower & 0x7;
    registers[0x05] = flags << 13 | (registers[0x05] & 0x1FFF);
    return this;
  }

  public Mcp9808Emulator setRegister(int register, int word) {
    registers[register] = word;
    return this;
  }

  public Mcp9808Emulator failOn(int register) {
    failing.add(register);
    return this;
  }

  @Override
  public void writeThenRead(byte[] write, byte[] read) throws IOException {
    if (write.length > 0) {
      pointer = write[0] & 0x0F;
      check();
      if (write.length == 3) {
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
