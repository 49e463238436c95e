package org.sensoragent.agent.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.provisioning.ProvisioningLoader;
import org.sensoragent.agent.transport.Senml;
import org.sensoragent.agent.transport.Transport;
import org.sensoragent.agent.transport.TransportSelection;
import org.sensoragent.drivers.Quantity;

/** What the demo command does with the receiver: provision from it, select, send, print. */
class DemoReceiverIT {

  @TempDir Path dir;

  @Test
  void aProvisioningWrittenByTheReceiverDeliversToIt() throws Exception {
    BlockingQueue<String> printed = new LinkedBlockingQueue<>();
    try (DemoReceiver receiver = DemoReceiver.start(printed::add)) {
      Path provisioningDir = receiver.writeProvisioning(dir.resolve("provisioning"), "demo-1");
      assertEquals("rw-------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(provisioningDir.resolve(Provisioning.PSK_KEY))));
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(provisioningDir)));
      assertNotEquals(0, receiver.port());

      Provisioning provisioning = ProvisioningLoader.load(provisioningDir, null);
      List<Reading> batch = List.of(Reading.of("cpu", Quantity.TEMPERATURE, 47.5, Instant.ofEpochSecond(1_795_550_000L)));
      try (Transport transport = TransportSelection.build(provisioning, null, null)) {
        transport.connect();
        transport.publish(batch);
      }

      assertEquals(Senml.encode("demo-1", batch), printed.take());
      assertTrue(printed.isEmpty());
    }
  }

  @Test
  void everyReceiverHasAFreshKey() throws Exception {
    try (DemoReceiver one = DemoReceiver.start(pack -> {});
        DemoReceiver two = DemoReceiver.start(pack -> {})) {
      assertNotEquals(java.util.HexFormat.of().formatHex(one.key()), java.util.HexFormat.of().formatHex(two.key()));
      assertEquals(DemoReceiver.KEY_BYTES, one.key().length);
    }
  }
}
