package org.sensoragent.drivers.i2c;

import java.io.Closeable;
import java.io.IOException;

/**
 * The port every I²C driver talks through: one chip at one address on one bus. Tests implement it
 * with register-level emulators; on a Pi, {@link Pi4jI2cDevice} implements it.
 */
public interface I2cDevice extends Closeable {

  /**
   * Writes {@code write} (may be empty), then reads {@code read.length} bytes into {@code read}
   * (may be empty), as one combined transfer where the bus allows it.
   *
   * @throws IOException when the chip does not acknowledge or the bus fails
   */
  void writeThenRead(byte[] write, byte[] read) throws IOException;

  /** Where this device sits, for error messages: {@code i2c-1/0x48}. */
  String location();

  @Override
  default void close() throws IOException {}
}
