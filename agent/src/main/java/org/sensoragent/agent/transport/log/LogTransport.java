package org.sensoragent.agent.transport.log;

import java.util.List;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.transport.Senml;
import org.sensoragent.agent.transport.Transport;
import org.tinylog.Logger;

/**
 * A transport that sends nothing: it writes each SenML pack it would send as one INFO line and
 * acknowledges at once, so the whole pipeline runs before a real transport is provisioned. Never
 * fails. Used from the forwarder thread only.
 */
public final class LogTransport implements Transport {

  private final String deviceId;
  private boolean connected;

  /** @param deviceId the SenML base name's device part, as provisioned */
  public LogTransport(String deviceId) {
    this.deviceId = deviceId;
  }

  @Override
  public void connect() {
    if (!connected) {
      Logger.info("log transport: connected (nothing leaves this host; packs are printed)");
      connected = true;
    }
  }

  /** Logs the pack and acknowledges it; an empty batch is acknowledged without a line. */
  @Override
  public void publish(List<Reading> batch) {
    if (!batch.isEmpty()) {
      Logger.info("log transport: {}", Senml.encode(deviceId, batch));
    }
  }

  @Override
  public String describe() {
    return "log (device " + deviceId + ", SenML printed, nothing sent)";
  }

  @Override
  public void close() {
    connected = false;
  }
}
