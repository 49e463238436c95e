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
 * {@code SampleCredentialsTest} keeps this list equal to the committed files.
 */
public final class SampleCredentials {

  public static final String REFUSAL =
      "is the public sample from certs-sample/; make your own with provisioning/make-bundle";

  /** fingerprint (lower-case hex SHA-256) → what it is. */
  static final Map<String, String> FINGERPRINTS = Map.of(
      // FINGERPRINTS-BEGIN (written by certs-sample/make-certs.sh --print-fingerprints)
      // FINGERPRINTS-END
      );

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
