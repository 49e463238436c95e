package org.sensoragent.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sensoragent.drivers.Quantity;

/**
 * One {@code [[sensor]]}: its name (the first part of SenML names and topics), its driver type,
 * where it sits, and how often it is read. Keys a type does not use are errors, so a typo cannot
 * silently leave a sensor reading from the wrong place.
 *
 * @param id 1-Wire id ({@code ds18b20}), else null
 * @param bus I²C bus number, -1 for non-I²C types
 * @param address I²C address, -1 for non-I²C types
 * @param zone thermal zone directory name ({@code thermal-zone}), else null
 * @param quantities what a {@code simulated} sensor produces; empty for real chips (they say)
 * @param timeout how long one read may take before it is abandoned and counted as failed
 */
public record SensorConfig(
    String name,
    SensorType type,
    String id,
    int bus,
    int address,
    String zone,
    List<Quantity> quantities,
    Duration interval,
    Duration timeout) {

  static SensorConfig from(Section section) throws ConfigException {
    if (!section.has("name")) {
      throw section.error("needs a name");
    }
    String name = Names.checked(section, "name", section.string("name", ""));
    if (!section.has("type")) {
      throw section.error("\"" + name + "\" needs a type, one of " + SensorType.names());
    }
    String typeName = section.string("type", "");
    SensorType type = SensorType.byName(typeName);
    if (type == null) {
      throw section.error("type", "must be one of " + SensorType.names() + ", was \"" + typeName + "\"");
    }
    Duration interval = section.duration("interval", Duration.ofSeconds(10));
    Duration defaultTimeout = Duration.ofSeconds(5).compareTo(interval) < 0 ? Duration.ofSeconds(5) : interval;
    Duration timeout = section.duration("timeout", defaultTimeout);
    if (timeout.compareTo(interval) > 0) {
      throw section.error("timeout", "must not be longer than the interval (" + interval.toSeconds() + "s)");
    }
    String id = null;
    int bus = -1;
    int address = -1;
    String zone = null;
    List<Quantity> quantities = List.of();
    switch (type.bus()) {
      case W1 -> {
        if (!section.has("id")) {
          throw section.error("\"" + name + "\" (ds18b20) needs an id such as \"28-0316a2794bff\"");
        }
        id = section.string("id", "");
        if (!id.matches("[0-9a-f]{2}-[0-9a-f]{12}")) {
          throw section.error("id", "must be a 1-Wire id such as \"28-0316a2794bff\", was \"" + id + "\"");
        }
      }
      case I2C -> {
        bus = (int) section.integer("bus", 1, 0, 255);
        address = (int) section.integer("address", type.chip().addresses().get(0), 0x03, 0x77);
        if (!type.chip().accepts(address)) {
          throw section.error(
              "address", String.format("0x%02X is outside the %s's range %s", address, typeName, type.chip().addressRange()));
        }
      }
      case THERMAL -> {
        zone = section.string("zone", "thermal_zone0");
        if (!zone.matches("thermal_zone\\d+")) {
          throw section.error("zone", "must be a directory name such as \"thermal_zone0\", was \"" + zone + "\"");
        }
      }
      case NONE -> quantities = quantities(section);
    }
    section.rejectUnknownKeys();
    return new SensorConfig(name, type, id, bus, address, zone, quantities, interval, timeout);
  }

  private static List<Quantity> quantities(Section section) throws ConfigException {
    List<Quantity> quantities = new ArrayList<>();
    for (String label : section.strings("quantities", List.of("temperature"))) {
      try {
        quantities.add(Quantity.valueOf(label.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw section.error("quantities", "must list temperature, humidity or pressure, not \"" + label + "\"");
      }
    }
    if (quantities.isEmpty()) {
      throw section.error("quantities", "must name at least one quantity");
    }
    return List.copyOf(quantities);
  }
}
