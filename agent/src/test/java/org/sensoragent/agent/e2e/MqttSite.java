package org.sensoragent.agent.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.transport.Senml;
import org.sensoragent.agent.transport.mqtt.MosquittoBroker;
import org.sensoragent.agent.transport.mqtt.Observer;
import org.sensoragent.agent.transport.mqtt.TestPki;

/**
 * One device's world in a temp folder: a throw-away PKI, a real mosquitto over mutual TLS with an
 * ACL, a back-end {@link Observer} subscribed to everything, the device's provisioning folder and
 * its {@code agent.toml}, and the agent processes started on them. {@link #close()} kills every
 * child and the broker, whatever happened.
 */
final class MqttSite implements AutoCloseable {

  static final String DEVICE = "meeting-room-1";
  static final long INTERVAL_MILLIS = 1_000;
  /** The device may write its own topics; the observer reads all. */
  static final String ACL = "user " + DEVICE + "\ntopic write office/" + DEVICE + "/#\n"
      + "user observer\ntopic read #\n";
  /** Two simulated sensors at 1 s: three SenML names. */
  static final String SIMULATED = """
      [[sensor]]
      name = "air"
      type = "simulated"
      quantities = ["temperature", "humidity"]
      interval = "1s"

      [[sensor]]
      name = "desk"
      type = "simulated"
      interval = "1s"
      """;
  static final List<String> SIMULATED_NAMES = List.of("air/temperature", "air/humidity", "desk/temperature");

  /** The observer's Paho logs a broker stop as SEVERE with a trace; the test expects the stop. */
  private static final java.util.logging.Logger PAHO_LOG = quietPaho();

  final Path dir;
  final TestPki pki;
  final TestPki.Ca ca;
  final TestPki.Identity device;
  final MosquittoBroker broker;
  final Path provisioning;
  final Delivered delivered = new Delivered(Senml.baseName(DEVICE));
  private final TestPki.Identity observerIdentity;
  private final List<AgentProcess> agents = new ArrayList<>();
  private Observer observer;

  private MqttSite(Path dir, TestPki pki, TestPki.Ca ca, TestPki.Identity device, TestPki.Identity observerIdentity,
      MosquittoBroker broker, Path provisioning) {
    this.dir = dir;
    this.pki = pki;
    this.ca = ca;
    this.device = device;
    this.observerIdentity = observerIdentity;
    this.broker = broker;
    this.provisioning = provisioning;
  }

  /** A broker whose certificate {@code brokerIdentity} makes, trusted as {@code trusted} by the device. */
  static MqttSite start(Path dir, String acl) throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    TestPki.Ca ca = pki.ca("site-ca");
    TestPki.Identity device = pki.client(ca, "device", DEVICE, TestPki.KeyForm.PKCS8_EC);
    TestPki.Identity observer = pki.client(ca, "observer", "observer", TestPki.KeyForm.PKCS8_EC);
    TestPki.Identity server = pki.server(ca, "broker", "DNS:localhost", "IP:127.0.0.1");
    return start(dir, pki, ca, device, observer, server, ca, acl);
  }

  /**
   * @param brokerServer the broker's own certificate (tests make it foreign or expired)
   * @param deviceTrusts the CA written to the device's {@code ca.pem}
   */
  static MqttSite start(Path dir, TestPki pki, TestPki.Ca ca, TestPki.Identity device, TestPki.Identity observer,
      TestPki.Identity brokerServer, TestPki.Ca deviceTrusts, String acl) throws Exception {
    // persistent: the observer's session and what was queued for it survive a broker restart
    MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), ca.cert(), brokerServer, acl, true);
    Path provisioning = provision(pki, "provisioning", DEVICE, endpoint(broker), deviceTrusts, device);
    return new MqttSite(dir, pki, ca, device, observer, broker, provisioning);
  }

  static URI endpoint(MosquittoBroker broker) {
    return URI.create("mqtts://localhost:" + broker.port());
  }

  /** A provisioning folder as installed: secrets 0600, the folder 0700. */
  static Path provision(TestPki pki, String name, String deviceId, URI endpoint, TestPki.Ca trusted,
      TestPki.Identity identity) throws IOException {
    Provisioning made = pki.provisioning(name, deviceId, endpoint, trusted, identity);
    Files.setPosixFilePermissions(made.dir().resolve(Provisioning.DEVICE_KEY), PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(made.dir(), PosixFilePermissions.fromString("rwx------"));
    return made.dir();
  }

  /** Subscribes the back end to {@code office/#}, trusting the broker if any of {@code brokerCas} signed it. */
  void observe(TestPki.Ca... brokerCas) throws Exception {
    Path bundle = dir.resolve("observer-cas.pem");
    StringBuilder pem = new StringBuilder();
    for (TestPki.Ca brokerCa : brokerCas) {
      pem.append(Files.readString(brokerCa.cert()));
    }
    Files.writeString(bundle, pem);
    Provisioning own = pki.provisioning("observer-" + broker.port(), "observer", endpoint(broker),
        new TestPki.Ca("observer-cas", bundle, null), observerIdentity);
    observer = new Observer(own, "office/#", true);
  }

  /** Starts the stopped broker again and resumes the observer's session: it misses nothing. */
  void restartBroker() throws Exception {
    broker.start();
    if (observer != null) {
      observer.reconnect(60);
    }
  }


  /** What arrived at the observer so far. */
  Delivered delivered() {
    if (observer != null) {
      observer.drain().forEach(message -> delivered.add(message.payload()));
    }
    return delivered;
  }

  /** Writes {@code agent.toml}: the given sensors, the queue in this folder, short retries and summaries. */
  Path config(String sensors, String extra) throws IOException {
    return writeConfig(dir, provisioning, sensors, extra);
  }

  static Path writeConfig(Path dir, Path provisioning, String sensors, String extra) throws IOException {
    String text = "[device]\nsite = \"office\"\nroom = \"" + DEVICE + "\"\n\n" + sensors + "\n"
        + "[queue]\npath = \"" + dir.resolve("state/queue.db") + "\"\n\n"
        + "[clock]\ntrust = \"always\"\n\n"
        + "[forward]\nbackoff_max = \"2s\"\nrefused_retry = \"2s\"\n\n"
        + "[log]\nsummary = \"5s\"\n\n"
        + "[paths]\nprovisioning = \"" + provisioning + "\"\n" + extra;
    Path config = dir.resolve("agent.toml");
    Files.writeString(config, text);
    return config;
  }

  /** Starts {@code sensor-agent run} on this site's config; killed by {@link #close()}. */
  AgentProcess run(String name, Path config) throws IOException {
    AgentProcess agent = AgentProcess.run(name, dir, config);
    agents.add(agent);
    return agent;
  }

  /** {@code sensor-agent queue --config F}. */
  QueueReport queue(Path config) throws Exception {
    return QueueReport.of(AgentJar.run(dir, "queue", "--config", config.toString()));
  }

  /** Waits until {@code sensor-agent queue} reports at least {@code depth} readings waiting. */
  QueueReport awaitQueued(Path config, long depth) throws Exception {
    QueueReport[] last = new QueueReport[1];
    Await.until("the queue to hold " + depth + " readings", () -> (last[0] = queue(config)).depth() >= depth,
        () -> String.valueOf(last[0]));
    return last[0];
  }

  /** For failure messages: every agent's journal and what was delivered. */
  String dump() {
    StringBuilder text = new StringBuilder();
    agents.forEach(agent -> text.append(agent.dump()));
    return text.append(delivered().describe(INTERVAL_MILLIS)).toString();
  }

  @Override
  public void close() throws Exception {
    Exception failure = null;
    for (AgentProcess agent : agents) {
      try {
        agent.close();
      } catch (Exception e) {
        failure = failure == null ? e : failure;
      }
    }
    try {
      if (observer != null) {
        observer.close();
      }
    } catch (Exception e) {
      failure = failure == null ? e : failure;
    }
    broker.close();
    if (failure != null) {
      throw failure;
    }
  }

  private static java.util.logging.Logger quietPaho() {
    java.util.logging.Logger paho = java.util.logging.Logger.getLogger("org.eclipse.paho.mqttv5.client");
    paho.setLevel(java.util.logging.Level.OFF);
    return paho;
  }

  /** The parsed output of {@code sensor-agent queue}. */
  record QueueReport(long depth, String oldest, String text) {
    private static final Pattern DEPTH = Pattern.compile("depth\\s+(\\d+) readings waiting");
    private static final Pattern OLDEST = Pattern.compile("oldest\\s+(.*)");

    static QueueReport of(AgentJar.Result result) {
      if (result.exitCode() != 0) {
        throw new AssertionError("sensor-agent queue failed: " + result);
      }
      Matcher depth = DEPTH.matcher(result.stdout());
      if (result.stdout().contains("no queue file yet")) {
        return new QueueReport(0, "-", result.stdout());
      }
      if (!depth.find()) {
        throw new AssertionError("no depth in sensor-agent queue's output:\n" + result);
      }
      Matcher oldest = OLDEST.matcher(result.stdout());
      return new QueueReport(Long.parseLong(depth.group(1)), oldest.find() ? oldest.group(1).trim() : "-", result.stdout());
    }
  }
}
