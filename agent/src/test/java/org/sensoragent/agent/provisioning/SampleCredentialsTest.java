package org.sensoragent.agent.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The fingerprints in {@link SampleCredentials} are those of the committed certs-sample/sample/. */
class SampleCredentialsTest {

  @Test
  void fingerprintsMatchTheCommittedSampleSet() throws Exception {
    Path sample = Path.of("..", "certs-sample", "sample").toAbsolutePath().normalize();
    Map<String, String> actual = new TreeMap<>();
    actual.put(fingerprint(Pem.certificates(sample.resolve("ca.pem")).get(0).getEncoded()), "the sample CA certificate");
    actual.put(fingerprint(Pem.certificates(sample.resolve("broker.pem")).get(0).getEncoded()), "the sample broker certificate");
    actual.put(fingerprint(Pem.certificates(sample.resolve("provisioning/device.pem")).get(0).getEncoded()),
        "the sample device certificate");
    actual.put(fingerprint(Pem.publicKey(sample.resolve("operator.pem")).getEncoded()), "the sample operator key");
    actual.put(fingerprint(PskRule.keyBytes(sample.resolve("provisioning-coap/psk.key"))), "the sample PSK");

    StringBuilder paste = new StringBuilder();
    actual.forEach((hex, what) -> paste.append("      \"").append(hex).append("\", \"").append(what).append("\",\n"));
    assertEquals(actual, new TreeMap<>(SampleCredentials.FINGERPRINTS),
        "certs-sample/sample/ changed; paste into SampleCredentials.FINGERPRINTS:\n" + paste);
  }

  private static String fingerprint(byte[] bytes) {
    return SampleCredentials.fingerprint(bytes);
  }
}
