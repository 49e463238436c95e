package org.sensoragent.agent.transport.mqtt;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.sensoragent.agent.provisioning.Pem;
import org.sensoragent.agent.provisioning.Pem.PemException;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;

/**
 * The TLS side of an {@code mqtts://} connection, built from the provisioning files: the broker is
 * trusted only if its chain ends at a certificate of {@code ca.pem} (never the JDK's default CAs)
 * and its certificate names the host; the device proves itself with {@code device.pem} and
 * {@code device.key}. TLS 1.3 and 1.2 only. Immutable and thread-safe once loaded.
 */
public final class DeviceTls {

  private final TlsSocketFactory socketFactory;
  private final VerifyingTrustManager verifier;
  private final List<X509Certificate> deviceChain;

  private DeviceTls(TlsSocketFactory socketFactory, VerifyingTrustManager verifier, List<X509Certificate> deviceChain) {
    this.socketFactory = socketFactory;
    this.verifier = verifier;
    this.deviceChain = deviceChain;
  }

  /**
   * Reads and checks the three files; blocks on file reads only.
   *
   * @throws TransportException (retry slowly) naming the file and what is wrong with it — a file
   *     that is missing, unreadable, or a key that does not belong to the certificate
   */
  public static DeviceTls load(Provisioning provisioning) throws TransportException {
    Path caFile = provisioning.file(Provisioning.CA);
    Path certFile = provisioning.file(Provisioning.DEVICE_CERT);
    Path keyFile = provisioning.file(Provisioning.DEVICE_KEY);
    List<X509Certificate> cas;
    List<X509Certificate> chain;
    PrivateKey key;
    try {
      cas = Pem.certificates(caFile);
      chain = Pem.certificates(certFile);
      key = Pem.privateKey(keyFile);
    } catch (PemException e) {
      throw new TransportException(Retry.SLOWLY, "MQTT TLS credentials: " + e.getMessage());
    }
    if (!Pem.matches(key, chain.get(0))) {
      throw new TransportException(Retry.SLOWLY, "MQTT TLS credentials: " + keyFile + " does not belong to the certificate in "
          + certFile + " (" + chain.get(0).getSubjectX500Principal().getName() + ")");
    }
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        trusted.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
      trust.init(trusted);
      VerifyingTrustManager verifier = new VerifyingTrustManager(Arrays.stream(trust.getTrustManagers())
          .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast).findFirst()
          .orElseThrow(() -> new GeneralSecurityException("the JDK offers no X509ExtendedTrustManager for PKIX")));
      SSLContext context = SSLContext.getInstance("TLS");
      KeyManager[] keys = {new SingleIdentityKeyManager(chain.toArray(X509Certificate[]::new), key)};
      context.init(keys, new TrustManager[] {verifier}, null);
      return new DeviceTls(new TlsSocketFactory(context.getSocketFactory()), verifier, List.copyOf(chain));
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new TransportException(Retry.SLOWLY, "MQTT TLS credentials: cannot build a TLS context from " + caFile
          + " and " + certFile + ": " + e.getMessage(), e);
    }
  }

  /** Sockets restricted to TLS 1.3/1.2 with host-name verification; for Paho's connection options. */
  public SSLSocketFactory socketFactory() {
    return socketFactory;
  }

  /** The device's own certificate (the leaf of {@code device.pem}). */
  public X509Certificate deviceCertificate() {
    return deviceChain.get(0);
  }

  Optional<TlsSocketFactory.Handshake> lastHandshake() {
    return socketFactory.lastHandshake();
  }

  /** Marks the start of a connect attempt; see {@link #brokerVerifiedSince(int)}. */
  int attempt() {
    return verifier.brokersVerified();
  }

  /** Whether the broker's certificate was verified (CA and host name) since {@code mark}. */
  boolean brokerVerifiedSince(int mark) {
    return verifier.brokersVerified() > mark;
  }
}
