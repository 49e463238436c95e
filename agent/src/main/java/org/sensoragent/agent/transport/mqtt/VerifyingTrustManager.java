package org.sensoragent.agent.transport.mqtt;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's PKIX trust manager for the provisioned CA, unchanged, counting the broker certificates
 * it accepted. The count is how a failed connect tells "the broker closed the connection after we
 * had verified it" (under TLS 1.3 typically: it refused our certificate) from an unreachable
 * broker; the JDK's handshake listeners run on another thread, too late for that. Every check
 * is the delegate's, with the socket, so host-name verification stays on. Thread-safe.
 */
final class VerifyingTrustManager extends X509ExtendedTrustManager {

  private final X509ExtendedTrustManager delegate;
  private final AtomicInteger brokersVerified = new AtomicInteger();

  VerifyingTrustManager(X509ExtendedTrustManager delegate) {
    this.delegate = delegate;
  }

  int brokersVerified() {
    return brokersVerified.get();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    delegate.checkServerTrusted(chain, authType, socket);
    brokersVerified.incrementAndGet();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    delegate.checkServerTrusted(chain, authType, engine);
    brokersVerified.incrementAndGet();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    delegate.checkServerTrusted(chain, authType);
    brokersVerified.incrementAndGet();
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}
