package org.sensoragent.agent.config;

/**
 * The config or provisioning cannot be used as it is. The message names the file, the line where
 * known, the key and the cause; the agent exits with {@code 2} so systemd does not restart-loop.
 */
public class ConfigException extends Exception {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
