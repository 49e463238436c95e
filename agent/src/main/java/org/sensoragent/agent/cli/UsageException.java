package org.sensoragent.agent.cli;

/** A wrong option, or a config or provisioning that cannot be used: exit code 2 with the message. */
public class UsageException extends Exception {

  public UsageException(String message) {
    super(message);
  }
}
