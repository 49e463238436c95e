package org.sensoragent.agent.transport.mqtt;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;

/**
 * Turns what Paho throws from a CONNECT into one {@link TransportException} whose message names the
 * cause an operator can act on. Paho wraps socket and TLS failures a few levels deep, so the cause
 * chain is searched, most specific finding first: an expired certificate also fails path
 * validation, so expiry is looked for before "not signed by the CA". Stateless and thread-safe.
 */
final class ConnectFailures {

  private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");
  /** TLS alerts a server sends when it does not accept the client's certificate (RFC 8446, 6.2). */
  private static final Set<String> CLIENT_CERT_ALERTS = Set.of(
      "bad_certificate", "unsupported_certificate", "certificate_revoked", "certificate_expired",
      "certificate_unknown", "unknown_ca", "access_denied", "certificate_required");
  private static final int PAHO_CLIENT_TIMEOUT = MqttClientException.REASON_CODE_CLIENT_TIMEOUT;

  private ConnectFailures() {}

  /**
   * @param endpoint what the log calls the broker, e.g. {@code mqtts://broker:8883}
   * @param host the host name the broker's certificate must name
   * @param brokerVerified whether this attempt got as far as accepting the broker's certificate
   */
  static TransportException map(String endpoint, String host, boolean brokerVerified, Throwable failure) {
    List<Throwable> chain = chain(failure);
    String tls = "TLS handshake with " + endpoint + " failed: ";
    for (Throwable t : chain) {
      if (t instanceof CertificateExpiredException) {
        return new TransportException(Retry.SLOWLY, tls + "the broker's certificate has expired (" + t.getMessage()
            + "); the broker needs a new certificate, or this device's clock is wrong", failure);
      }
      if (t instanceof CertificateNotYetValidException) {
        return new TransportException(Retry.SLOWLY, tls + "the broker's certificate is not yet valid (" + t.getMessage()
            + "); is this device's clock right?", failure);
      }
    }
    for (Throwable t : chain) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof java.security.cert.CertificateException
          && (message.startsWith("No subject alternative") || message.startsWith("No name matching"))) {
        return new TransportException(Retry.SLOWLY, tls + "the broker's certificate is not for host \"" + host
            + "\" (" + message + ")", failure);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
        return new TransportException(Retry.SLOWLY, tls + "the broker's certificate is not signed by the provisioned CA"
            + " (ca.pem): " + t.getMessage(), failure);
      }
    }
    for (Throwable t : chain) {
      Matcher alert = ALERT.matcher(String.valueOf(t.getMessage()));
      if (t instanceof SSLException && alert.find()) {
        String name = alert.group(1).toLowerCase(Locale.ROOT);
        if (CLIENT_CERT_ALERTS.contains(name)) {
          return new TransportException(Retry.SLOWLY, tls + "the broker rejected this device's certificate (TLS alert "
              + name + "); is device.pem signed by a CA the broker trusts, and still valid?", failure);
        }
        return new TransportException(Retry.SLOWLY, tls + "the broker ended the handshake with TLS alert " + name
            + " (TLS 1.2/1.3 only; no common version or cipher suite?)", failure);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof SSLException) {
        return new TransportException(Retry.SLOWLY, tls + t.getMessage(), failure);
      }
    }
    if (brokerVerified && closedBeforeConnack(failure, chain)) {
      // TLS 1.3: the client's handshake ends before the server has checked the client certificate;
      // a broker that refuses it sends an alert and closes, and writing CONNECT may hit the closed
      // socket (broken pipe) before the alert is read
      return new TransportException(Retry.SLOWLY, "broker " + endpoint + " closed the connection after the TLS"
          + " handshake, before answering CONNECT: most likely it rejected this device's certificate (is device.pem"
          + " signed by a CA the broker trusts?) or refuses this client id", failure);
    }
    for (Throwable t : chain) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
        return new TransportException(Retry.SOON, "broker " + endpoint + " unreachable: " + t.getMessage(), failure);
      }
      if (t instanceof UnknownHostException) {
        return new TransportException(Retry.SOON, "broker " + endpoint + " unreachable: host name \"" + host
            + "\" does not resolve", failure);
      }
    }
    if (failure instanceof MqttException mqtt && failure.getCause() == null) {
      int code = mqtt.getReasonCode();
      if (ReasonCodes.isReasonCode(code) && ReasonCodes.isError(code)) {
        return new TransportException(ReasonCodes.connackRetry(code), "broker " + endpoint
            + " refused the connection: CONNACK " + ReasonCodes.describe(code), failure);
      }
      if (code == PAHO_CLIENT_TIMEOUT) {
        return new TransportException(Retry.SOON, "broker " + endpoint + " did not answer the MQTT CONNECT in time",
            failure);
      }
    }
    Throwable root = chain.get(chain.size() - 1);
    return new TransportException(Retry.SOON, "cannot connect to " + endpoint + ": " + failure.getMessage()
        + (root != failure ? " (" + root + ")" : ""), failure);
  }

  private static boolean closedBeforeConnack(Throwable failure, List<Throwable> chain) {
    if (failure instanceof MqttException mqtt && mqtt.getReasonCode() == MqttClientException.REASON_CODE_CONNECTION_LOST) {
      return true;
    }
    return chain.stream().anyMatch(t -> t instanceof java.net.SocketException || t instanceof java.io.EOFException);
  }

  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
