package org.sensoragent.drivers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sensoragent.drivers.bme280.Bme280;
import org.sensoragent.drivers.i2c.I2cDevice;
import org.sensoragent.drivers.i2c.I2cOpener;
import org.sensoragent.drivers.mcp9808.Mcp9808;
import org.sensoragent.drivers.sht3x.Sht3x;
import org.sensoragent.drivers.tmp102.Tmp102;

/**
 * The I²C chips this module drives: the {@code type} config uses, the addresses the chip can be
 * strapped to, and how to open a driver for it. The address ranges do not overlap.
 */
public enum I2cChip {
  TMP102("tmp102", 0x48, 0x4B),
  MCP9808("mcp9808", 0x18, 0x1F),
  SHT3X("sht3x", 0x44, 0x45),
  BME280("bme280", 0x76, 0x77);

  /** One chip that identified itself during a {@link #scan}. */
  public record Found(int bus, int address, I2cChip chip) {
    /** {@code i2c-1/0x48}, as in error messages. */
    public String location() {
      return String.format("i2c-%d/0x%02x", bus, address);
    }
  }

  private final String type;
  private final int firstAddress;
  private final int lastAddress;

  I2cChip(String type, int firstAddress, int lastAddress) {
    this.type = type;
    this.firstAddress = firstAddress;
    this.lastAddress = lastAddress;
  }

  /** The chip whose config {@code type} this is ({@code "tmp102"}), ignoring case. */
  public static Optional<I2cChip> ofType(String type) {
    for (I2cChip chip : values()) {
      if (chip.type.equals(type.toLowerCase(Locale.ROOT))) {
        return Optional.of(chip);
      }
    }
    return Optional.empty();
  }

  /** The name config uses: {@code tmp102}. */
  public String type() {
    return type;
  }

  /** True when the chip can sit at this 7-bit {@code address}. */
  public boolean accepts(int address) {
    return address >= firstAddress && address <= lastAddress;
  }

  /** Every address the chip can sit at, ascending. */
  public List<Integer> addresses() {
    List<Integer> addresses = new ArrayList<>();
    for (int address = firstAddress; address <= lastAddress; address++) {
      addresses.add(address);
    }
    return addresses;
  }

  /** For error messages: {@code 0x48–0x4B} or {@code 0x44/0x45}. */
  public String addressRange() {
    String separator = lastAddress - firstAddress == 1 ? "/" : "–";
    return String.format("0x%02X%s0x%02X", firstAddress, separator, lastAddress);
  }

  /**
   * A driver for this chip on {@code device}, which it then owns (closing the sensor closes it).
   *
   * @throws SensorException when the chip does not answer or is not this chip
   */
  public Sensor open(I2cDevice device) throws SensorException {
    return switch (this) {
      case TMP102 -> new Tmp102(device);
      case MCP9808 -> new Mcp9808(device);
      case SHT3X -> new Sht3x(device);
      case BME280 -> new Bme280(device);
    };
  }

  /**
   * Tries every known chip at every address it may have on each of {@code buses}, and returns
   * those whose driver identified the chip. Never throws: an address where nothing answers, or
   * something else answers, is simply not found. Blocks for some milliseconds per address.
   */
  public static List<Found> scan(List<Integer> buses, I2cOpener opener) {
    List<Found> found = new ArrayList<>();
    for (int bus : buses) {
      for (I2cChip chip : values()) {
        for (int address : chip.addresses()) {
          if (chip.identifies(opener, bus, address)) {
            found.add(new Found(bus, address, chip));
          }
        }
      }
    }
    return found;
  }

  private boolean identifies(I2cOpener opener, int bus, int address) {
    I2cDevice device;
    try {
      device = opener.open(bus, address);
    } catch (IOException | RuntimeException e) {
      return false;
    }
    boolean identified;
    try {
      open(device);
      identified = true;
    } catch (SensorException | RuntimeException e) {
      identified = false;
    }
    try {
      device.close(); // the driver holds nothing else
    } catch (IOException | RuntimeException e) {
      // the answer stands; a close error adds nothing a caller could act on
    }
    return identified;
  }
}
