package org.sensoragent.drivers;

/**
 * A sampling that produced no trustworthy value: bus error, CRC mismatch, implausible value,
 * device absent. The message names chip, bus/address and cause, ready for one log line.
 */
public class SensorException extends Exception {

  public SensorException(String message) {
    super(message);
  }

  public SensorException(String message, Throwable cause) {
    super(message, cause);
  }
}
