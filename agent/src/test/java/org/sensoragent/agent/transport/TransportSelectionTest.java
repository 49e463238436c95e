package org.sensoragent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.config.ConfigException;
import org.sensoragent.agent.config.DeviceConfig;
import org.sensoragent.agent.config.MqttConfig;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.provisioning.Provisioning.Scheme;
import org.sensoragent.agent.transport.coap.CoapTransport;

class TransportSelectionTest {

  private static final URI MQTTS = URI.create("mqtts://broker.example.net:8883");
  private static final URI COAPS = URI.create("coaps://collector.example.net:5684/telemetry");

  @TempDir Path dir;

  private Provisioning provisioning(URI endpoint) {
    return new Provisioning("room-1", endpoint, dir, null);
  }

  private void mqttFiles() throws Exception {
    for (String name : TransportSelection.MQTT_FILES) {
      Files.writeString(dir.resolve(name), "-----BEGIN PLACEHOLDER-----\n");
    }
  }

  private void coapFiles() throws Exception {
    Files.writeString(dir.resolve("psk.identity"), "room-1\n");
    Files.writeString(dir.resolve("psk.key"), "00112233445566778899aabbccddeeff\n");
    Files.setPosixFilePermissions(dir.resolve("psk.key"), PosixFilePermissions.fromString("rw-------"));
  }

  private String refusal(URI endpoint) {
    return assertThrows(ConfigException.class, () -> TransportSelection.select(provisioning(endpoint))).getMessage();
  }

  @Test
  void mqttFilesSelectMqtt() throws Exception {
    mqttFiles();

    assertEquals(Scheme.MQTTS, TransportSelection.select(provisioning(MQTTS)));
  }

  @Test
  void coapFilesSelectCoapAndBuildTheCoapTransport() throws Exception {
    coapFiles();

    assertEquals(Scheme.COAPS, TransportSelection.select(provisioning(COAPS)));
    try (Transport transport = TransportSelection.build(provisioning(COAPS), new DeviceConfig("office", "room-1"), null)) {
      assertInstanceOf(CoapTransport.class, transport);
      assertEquals("CoAP over DTLS 1.2 (PSK) to " + COAPS, transport.describe());
    }
  }

  @Test
  void filesOfBothKindsAreFineTheEndpointDecides() throws Exception {
    mqttFiles();
    coapFiles();

    assertEquals(Scheme.COAPS, TransportSelection.select(provisioning(COAPS)));
    assertEquals(Scheme.MQTTS, TransportSelection.select(provisioning(MQTTS)));
  }

  @Test
  void nothingProvisionedIsSaidSo() {
    String message = refusal(COAPS);

    assertTrue(message.startsWith(dir + ": no transport credentials are provisioned: endpoint " + COAPS
        + " needs psk.identity, psk.key"), message);
  }

  @Test
  void anMqttEndpointWithOnlyPskFilesNamesWhatIsMissingAndTheDisagreement() throws Exception {
    coapFiles();

    String message = refusal(MQTTS);

    assertTrue(message.contains("needs ca.pem, device.pem, device.key, but ca.pem, device.pem, device.key are missing"), message);
    assertTrue(message.contains("psk.identity, psk.key belong to coaps:// endpoints and do not count"), message);
    assertTrue(message.contains("the endpoint and the provisioned credentials disagree"), message);
  }

  @Test
  void aCoapEndpointWithOnlyMqttFilesNamesWhatIsMissingAndTheDisagreement() throws Exception {
    mqttFiles();

    String message = refusal(COAPS);

    assertTrue(message.contains("needs psk.identity, psk.key, but psk.identity, psk.key are missing"), message);
    assertTrue(message.contains("ca.pem, device.pem, device.key belong to mqtts:// endpoints"), message);
  }

  @Test
  void onePartMissingIsNamed() throws Exception {
    coapFiles();
    Files.delete(dir.resolve("psk.key"));

    String message = refusal(COAPS);

    assertTrue(message.endsWith("needs psk.identity, psk.key, but psk.key is missing"), message);
  }

  @Test
  void aMalformedKeyStopsTheBuild() throws Exception {
    coapFiles();
    Files.writeString(dir.resolve("psk.key"), "not hex at all");

    ConfigException e = assertThrows(ConfigException.class,
        () -> TransportSelection.build(provisioning(COAPS), new DeviceConfig("office", "room-1"), null));

    assertTrue(e.getMessage().contains("psk.key: is not hex"), e.getMessage());
  }

  @Test
  void anMqttsEndpointBuildsTheMqttTransport() throws Exception {
    mqttFiles();

    try (Transport transport = TransportSelection.build(provisioning(MQTTS), new DeviceConfig("office", "room-1"),
        new MqttConfig("{site}/{room}/{sensor}/{quantity}", 1, java.time.Duration.ofSeconds(60), "", null))) {
      assertTrue(transport instanceof org.sensoragent.agent.transport.mqtt.MqttTransport, transport.getClass().getName());
      assertTrue(transport.describe().contains("mqtts://"), transport.describe());
    }
  }

  @Test
  void plaintextSchemesAreRefused() throws Exception {
    mqttFiles();
    coapFiles();

    assertTrue(refusal(URI.create("coap://collector.example.net/telemetry")).contains("plaintext coap:// is never used"));
    assertTrue(refusal(URI.create("mqtt://broker.example.net:1883")).contains("plaintext mqtt:// is never used"));
    assertTrue(refusal(URI.create("https://example.net")).contains("must start with mqtts:// or coaps://"));
  }
}
