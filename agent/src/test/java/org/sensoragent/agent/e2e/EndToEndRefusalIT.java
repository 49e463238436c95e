package org.sensoragent.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sensoragent.agent.e2e.MqttSite.INTERVAL_MILLIS;
import static org.sensoragent.agent.e2e.MqttSite.SIMULATED_NAMES;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.NavigableSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.transport.mqtt.TestPki;

/**
 * "Bad input gets a clear error and loses nothing", end to end: a broker that refuses a topic, a
 * broker the device must not trust, and configs and provisionings {@code run} must refuse at
 * start with exit code 2 and one line saying what is wrong.
 */
class EndToEndRefusalIT {

  /** The device may not publish its desk sensor. */
  static final String ACL_WITHOUT_DESK = "user " + MqttSite.DEVICE + "\n"
      + "topic write office/" + MqttSite.DEVICE + "/air/#\n"
      + "topic write office/" + MqttSite.DEVICE + "/status\n"
      + "user observer\ntopic read #\n";

  @TempDir Path dir;
  private MqttSite site;

  @AfterEach
  void tearDown() throws Exception {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void aTopicTheBrokerRefusesStaysQueuedWithOneLineWhileTheOtherSensorsDeliver() throws Exception {
    site = MqttSite.start(dir, ACL_WITHOUT_DESK);
    site.observe(site.ca);
    Path config = site.config(MqttSite.SIMULATED, "");
    AgentProcess agent = site.run("agent", config);
    String refused = agent.awaitLine("the refusal", line -> line.contains("0x87"));
    assertTrue(refused.startsWith("<4>") && refused.contains("Not authorized") && refused.contains("office/meeting-room-1/desk/temperature"),
        "a warning naming the code and the topic: " + refused);
    // several refused retries (refused_retry = 2s) while the allowed sensor keeps delivering
    Await.until("ten air readings in a row", () -> List.of("air/temperature", "air/humidity").stream()
        .allMatch(name -> {
          NavigableSet<Long> times = site.delivered().times(name);
          return times.size() >= 10 && site.delivered().missing(name, INTERVAL_MILLIS, times.first(), times.last()).isEmpty();
        }), site::dump);
    assertEquals(1, agent.count(line -> line.contains("0x87") || line.toLowerCase(Locale.ROOT).contains("not authorized")),
        "one line for the refusal, not one per attempt\n" + agent.dump());

    assertTrue(agent.terminate() == 143);
    Summary last = Summary.last(agent);
    MqttSite.QueueReport queue = site.queue(config);
    assertEquals(List.of(), site.delivered().records("desk/temperature"), "nothing of desk reached the back end");
    assertTrue(queue.depth() >= 10, "desk's readings are all still queued\n" + queue.text());
    assertEquals(last.queued(), queue.depth(), "the queue holds what the agent did not deliver\n" + queue.text());
    assertTrue(queue.oldest().contains("desk/temperature"), "the oldest waiting reading is desk's: " + queue.oldest());
    assertEquals(0, last.dropped(), "nothing dropped");
  }

  @Test
  void aBrokerSignedByAnotherCaIsRefusedNamingTheCauseAndTheQueueWaitsForTheRightCa() throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    TestPki.Ca ca = pki.ca("site-ca");
    TestPki.Ca other = pki.ca("other-ca");
    TestPki.Identity device = pki.client(ca, "device", MqttSite.DEVICE, TestPki.KeyForm.PKCS8_EC);
    TestPki.Identity observer = pki.client(ca, "observer", "observer", TestPki.KeyForm.PKCS8_EC);
    TestPki.Identity foreignBroker = pki.server(other, "broker", "DNS:localhost", "IP:127.0.0.1");
    site = MqttSite.start(dir, pki, ca, device, observer, foreignBroker, ca, MqttSite.ACL);
    site.observe(other, ca);
    Path config = site.config(MqttSite.SIMULATED, "");
    AgentProcess agent = site.run("agent", config);

    String refused = agent.awaitLine("the refusal", line -> line.contains("not signed by the provisioned CA"));
    assertTrue(refused.startsWith("<4>"), refused);
    agent.awaitLine("a summary with readings piling up", line -> Summary.is(line) && Summary.parse(line).queued() >= 9);
    assertEquals(1, agent.count(line -> line.contains("not signed by the provisioned CA")),
        "one line, retried slowly, not hammered\n" + agent.dump());
    Summary piled = Summary.last(agent);
    assertEquals(0, piled.published(), "nothing sent");
    assertTrue(site.queue(config).depth() >= piled.taken(), "every reading taken is queued");
    assertEquals(List.of(), site.delivered().records(), "nothing reached the back end");

    // the broker gets a certificate from the device's CA: the same agent delivers everything queued
    TestPki.Identity fixed = pki.server(ca, "broker-fixed", "DNS:localhost", "IP:127.0.0.1");
    site.broker.stop();
    Files.copy(fixed.cert(), foreignBroker.cert(), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(fixed.key(), foreignBroker.key(), StandardCopyOption.REPLACE_EXISTING);
    site.restartBroker();
    long fixedAt = System.currentTimeMillis();
    Await.until("every reading from the first up to after the fix", () -> SIMULATED_NAMES.stream()
        .allMatch(name -> site.delivered().complete(name, INTERVAL_MILLIS, fixedAt + INTERVAL_MILLIS)), site::dump);
    assertTrue(agent.terminate() == 143);
    Summary last = Summary.last(agent);
    assertTrue(distinct() + site.queue(config).depth() >= last.taken(),
        "every reading taken was delivered or is still queued: " + last + "\n" + site.dump());
    assertTrue(distinct() >= piled.taken(), "what piled up during the refusal arrived\n" + site.dump());
  }

  @Test
  void anExpiredBrokerCertificateIsRefusedNamingTheCauseAndNothingIsSent() throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    TestPki.Ca ca = pki.ca("site-ca");
    TestPki.Identity device = pki.client(ca, "device", MqttSite.DEVICE, TestPki.KeyForm.PKCS8_EC);
    TestPki.Identity observer = pki.client(ca, "observer", "observer", TestPki.KeyForm.PKCS8_EC);
    TestPki.Identity expired = pki.expiredServer(ca, "broker", "DNS:localhost", "IP:127.0.0.1");
    site = MqttSite.start(dir, pki, ca, device, observer, expired, ca, MqttSite.ACL);
    Path config = site.config(MqttSite.SIMULATED, "");
    AgentProcess agent = site.run("agent", config);

    String refused = agent.awaitLine("the refusal", line -> line.contains("expired"));
    assertTrue(refused.startsWith("<4>") && refused.contains("the broker's certificate has expired"), refused);
    agent.awaitLine("a summary with readings piling up", line -> Summary.is(line) && Summary.parse(line).queued() >= 9);
    assertEquals(1, agent.count(line -> line.contains("expired")), "one line, not one per attempt\n" + agent.dump());
    assertTrue(agent.terminate() == 143);
    Summary last = Summary.last(agent);
    assertEquals(0, last.published(), "nothing sent");
    assertEquals(last.taken(), site.queue(config).depth(), "every reading taken is queued");
  }

  private long distinct() {
    return SIMULATED_NAMES.stream().mapToLong(name -> site.delivered().times(name).size()).sum();
  }
}
