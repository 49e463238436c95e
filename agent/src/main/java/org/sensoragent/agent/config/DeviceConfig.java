package org.sensoragent.agent.config;

/** {@code [device]}: where the device stands; used in MQTT topics. The device id comes from provisioning. */
public record DeviceConfig(String site, String room) {

  static DeviceConfig from(Section section) throws ConfigException {
    String site = Names.checked(section, "site", section.string("site", "office"));
    String room = Names.checked(section, "room", section.string("room", "meeting-room-1"));
    section.rejectUnknownKeys();
    return new DeviceConfig(site, room);
  }
}
