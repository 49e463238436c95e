package org.sensoragent.agent.provisioning;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The throw-away credentials committed under {@code certs-sample/sample/}, known by SHA-256
 * fingerprint so that they are refused outside {@code demo} however the files are renamed or
 * re-encoded: certificates by their DER, the PSK by its key bytes, the operator key by its
 * SubjectPublicKeyInfo DER. Keys known to the whole world protect nothing.
 * {@code SampleCredentialsTest} keeps this list equal to the committed files and prints the
 * lines to paste when the sample set is regenerated.
 */
public final class SampleCredentials {

  public static final String REFUSAL =
      "is the public sample from certs-sample/; make your own with provisioning/make-bundle";

  /** fingerprint (lower-case hex SHA-256) → what it is. */
  static final Map<String, String> FINGERPRINTS = Map.of(
      // certs-sample/sample/, made 2026-11-26 with make-certs.sh --days 3650
      "d25aada8a717abd7f17300d6ea53f971edf40167d2727ca6eba344125fed041c", "the sample CA certificate",
      "f77781b3274d933af1dc9e3baec7d850db3a95ffaffde13fc28504b5b8f07861", "the sample broker certificate",
      "3317da8537460f1e0fadf50828460cfe3e87fc4d78685a096f7192f9a580a3d1", "the sample device certificate",
      "b4889261a67a942523b0747827232a8a2e9ba717863a41ca8b210ef881186a54", "the sample operator key",
      "6ab2d1e552201b5468e0e1ada04b2feca712cfbe3dc488645b90cc5ca23f3ab3", "the sample PSK");

  private SampleCredentials() {}

  /** What the sample is ("sample device certificate"), or null when {@code encoded} is no sample. */
  public static String identify(byte[] encoded) {
    return FINGERPRINTS.get(fingerprint(encoded));
  }

  /** Lower-case hex SHA-256. */
  public static String fingerprint(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
