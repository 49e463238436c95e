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
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Wraps the JDK's socket factory so that every socket speaks only TLS 1.3 or 1.2 and checks the
 * broker's host name (endpoint identification "HTTPS", RFC 2818/6125), whoever creates it, and
 * remembers the last completed handshake for {@code check --connect}. Sockets also get
 * {@code TCP_NODELAY}. Thread-safe.
 *
 * <p>Paho replaces the socket's SSL parameters to set SNI, which also clears the endpoint
 * identification; it sets it again only with {@code setHttpsHostnameVerificationEnabled(true)},
 * so the transport turns that on as well. The host-name integration test guards both.
 */
final class TlsSocketFactory extends SSLSocketFactory {

  static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** What a completed handshake agreed on; never holds key material. */
  record Handshake(String protocol, String cipherSuite, String brokerSubject, Instant brokerNotAfter) {}

  /** The JDK's name for "no handshake completed" (SSLSocket.getSession() javadoc). */
  private static final String NO_CIPHER_SUITE = "SSL_NULL_WITH_NULL_NULL";

  private final SSLSocketFactory delegate;
  private volatile SSLSocket lastSocket;

  TlsSocketFactory(SSLSocketFactory delegate) {
    this.delegate = delegate;
  }

  /**
   * What the newest socket's handshake agreed on, read from its session; empty if it did not
   * complete or the socket is gone. Call only once that socket's connect attempt ended: it never
   * blocks then.
   */
  Optional<Handshake> lastHandshake() {
    SSLSocket socket = lastSocket;
    if (socket == null) {
      return Optional.empty();
    }
    SSLSession session = socket.getSession();
    if (NO_CIPHER_SUITE.equals(session.getCipherSuite())) {
      return Optional.empty();
    }
    String subject = "(unverified)";
    Instant notAfter = null;
    try {
      Certificate[] peer = session.getPeerCertificates();
      if (peer.length > 0 && peer[0] instanceof X509Certificate broker) {
        subject = broker.getSubjectX500Principal().getName();
        notAfter = broker.getNotAfter().toInstant();
      }
    } catch (SSLPeerUnverifiedException e) {
      // keeps "(unverified)"
    }
    return Optional.of(new Handshake(session.getProtocol(), session.getCipherSuite(), subject, notAfter));
  }

  private Socket configure(Socket socket) throws IOException {
    // MQTT is small packets waiting for small acknowledgements: with Nagle's algorithm and the
    // peer's delayed ACK each round trip can stall ~40 ms, which caps a drain at a few batches/s
    socket.setTcpNoDelay(true);
    if (socket instanceof SSLSocket ssl) {
      SSLParameters parameters = ssl.getSSLParameters();
      parameters.setProtocols(PROTOCOLS.stream()
          .filter(Arrays.asList(ssl.getSupportedProtocols())::contains).toArray(String[]::new));
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(parameters);
      lastSocket = ssl;
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
