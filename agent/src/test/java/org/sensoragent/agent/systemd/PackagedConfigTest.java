package org.sensoragent.agent.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sensoragent.agent.config.AgentConfig;
import org.sensoragent.agent.config.ConfigLoader;

/** The conffile the .deb installs as /etc/sensor-agent/agent.toml is valid as shipped. */
class PackagedConfigTest {

  @Test
  void theInstalledDefaultConfigLoads() throws Exception {
    AgentConfig config = ConfigLoader.load(SystemdUnitTest.unit().resolveSibling("deb/agent.toml"));
    assertEquals(1, config.sensors().size());
    assertEquals("soc", config.sensors().get(0).name());
  }
}
