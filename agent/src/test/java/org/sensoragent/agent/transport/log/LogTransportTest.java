package org.sensoragent.agent.transport.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.fakes.CaptureWriter;
import org.sensoragent.drivers.Quantity;

class LogTransportTest {

  @BeforeEach
  void clearLog() {
    CaptureWriter.clear();
  }

  @Test
  void printsTheSenmlPackItWouldSendAndAcknowledgesIt() {
    LogTransport transport = new LogTransport("meeting-room-1");
    Instant t = Instant.ofEpochSecond(1_795_550_000L); // DESIGN.md's example

    transport.connect();
    transport.connect();
    transport.publish(List.of(Reading.of("air", Quantity.TEMPERATURE, 22.5, t),
        Reading.of("air", Quantity.TEMPERATURE, 22.6, t.plusSeconds(10))));

    assertEquals(1, CaptureWriter.lines("log transport: connected").size());
    assertEquals(List.of("INFO log transport: [{\"bn\":\"urn:dev:sensor-agent:meeting-room-1:\",\"bt\":1795550000.0,"
        + "\"n\":\"air/temperature\",\"u\":\"Cel\",\"v\":22.5,\"t\":0.0},"
        + "{\"n\":\"air/temperature\",\"u\":\"Cel\",\"v\":22.6,\"t\":10.0}]"), CaptureWriter.lines("log transport: ["));
  }
}
