package org.sensoragent.agent.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sensoragent.agent.fakes.CaptureWriter;
import org.sensoragent.agent.transport.TransportException.Retry;

class LinkLogTest {

  @BeforeEach
  void clear() {
    CaptureWriter.clear();
  }

  @Test
  void aRefusalWhoseCountsChangeFromAttemptToAttemptIsOneLine() {
    LinkLog log = new LinkLog("mqtts://broker:8883");
    for (int attempt = 1; attempt <= 5; attempt++) {
      log.failed(Retry.SLOWLY, "MQTT publish to mqtts://broker:8883: broker refused PUBACK 0x87 Not authorized for "
          + attempt + " readings on office/room/desk/temperature; " + 2 * attempt + " of " + 3 * attempt
          + " readings acknowledged", Duration.ofMinutes(5));
    }
    assertEquals(1, CaptureWriter.lines("0x87").stream().filter(line -> line.startsWith("WARN")).count());
  }

  @Test
  void codesAddressesAndPortsStillTellCausesApart() {
    assertNotEquals(LinkLog.sameCause("PUBACK 0x87 Not authorized"), LinkLog.sameCause("PUBACK 0x97 Quota exceeded"));
    assertNotEquals(LinkLog.sameCause("4.03 Forbidden"), LinkLog.sameCause("4.04 Not Found"));
    assertNotEquals(LinkLog.sameCause("127.0.0.1:5684 unreachable"), LinkLog.sameCause("127.0.0.2:5684 unreachable"));
    assertEquals(LinkLog.sameCause("3 of 7 messages not acknowledged"), LinkLog.sameCause("1 of 2 messages not acknowledged"));
  }
}
