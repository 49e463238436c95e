package org.sensoragent.drivers;

/** One value of one quantity, in the quantity's SenML unit (°C, %RH, Pa). */
public record Measurement(Quantity quantity, double value) {

  public Measurement {
    if (quantity == null) {
      throw new IllegalArgumentException("quantity is required");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(quantity + " must be finite, was " + value);
    }
  }

  public static Measurement celsius(double celsius) {
    return new Measurement(Quantity.TEMPERATURE, celsius);
  }
}
