package org.sensoragent.agent.config;

import java.util.regex.Pattern;

/** Names that end up in MQTT topics and SenML names: no '/', '+', '#', quotes or spaces. */
final class Names {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Names() {}

  static String checked(Section section, String key, String value) throws ConfigException {
    if (!SAFE.matcher(value).matches()) {
      throw section.error(
          key, "must be 1-64 letters, digits, '.', '_' or '-' (it becomes part of topics and SenML names), was \"" + value + "\"");
    }
    return value;
  }
}
