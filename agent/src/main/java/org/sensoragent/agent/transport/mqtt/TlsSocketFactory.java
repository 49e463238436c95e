package org.sensoragent.agent.transport.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Wraps the JDK's socket factory so that every socket speaks only TLS 1.3 or 1.2 and checks the
 * broker's host name (endpoint identification "HTTPS", RFC 2818/6125), whoever creates it, and
 * remembers the last completed handshake for {@code check --connect}. Thread-safe.
 *
 * <p>Paho replaces the socket's SSL parameters to set SNI, which also clears the endpoint
 * identification; it sets it again only with {@code setHttpsHostnameVerificationEnabled(true)},
 * so the transport turns that on as well. The host-name integration test guards both.
 */
final class TlsSocketFactory extends SSLSocketFactory {

  static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** What a completed handshake agreed on; never holds key material. */
  record Handshake(String protocol, String cipherSuite, String brokerSubject, Instant brokerNotAfter) {}

  private final SSLSocketFactory delegate;
  private volatile Handshake lastHandshake;

  TlsSocketFactory(SSLSocketFactory delegate) {
    this.delegate = delegate;
  }

  Optional<Handshake> lastHandshake() {
    return Optional.ofNullable(lastHandshake);
  }

  private Socket configure(Socket socket) {
    if (socket instanceof SSLSocket ssl) {
      SSLParameters parameters = ssl.getSSLParameters();
      parameters.setProtocols(PROTOCOLS.stream()
          .filter(Arrays.asList(ssl.getSupportedProtocols())::contains).toArray(String[]::new));
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(parameters);
      ssl.addHandshakeCompletedListener(event -> {
        String subject = "?";
        Instant notAfter = null;
        try {
          Certificate[] peer = event.getPeerCertificates();
          if (peer.length > 0 && peer[0] instanceof X509Certificate broker) {
            subject = broker.getSubjectX500Principal().getName();
            notAfter = broker.getNotAfter().toInstant();
          }
        } catch (SSLPeerUnverifiedException e) {
          subject = "(unverified)";
        }
        lastHandshake = new Handshake(event.getSession().getProtocol(), event.getCipherSuite(), subject, notAfter);
      });
    }
    return socket;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket() throws IOException {
    return configure(delegate.createSocket());
  }

  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
    return configure(delegate.createSocket(socket, host, port, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return configure(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return configure(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return configure(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return configure(delegate.createSocket(address, port, localAddress, localPort));
  }
}
