package org.sensoragent.agent.transport.coap;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.DtlsHandshakeTimeoutException;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;

/**
 * Says in plain words why a request could not be sent, above all why a DTLS handshake failed.
 * A server that refuses our PSK either sends a fatal alert ({@code decrypt_error},
 * {@code handshake_failure}, {@code unknown_psk_identity}) or silently never answers our Finished
 * flight; both mean "check the provisioning", so both are {@link Retry#SLOWLY}. A handshake
 * nobody answers at all is network trouble: {@link Retry#SOON}.
 */
final class HandshakeFailures {

  private static final Set<AlertDescription> PSK_REJECTED =
      Set.of(
          AlertDescription.DECRYPT_ERROR,
          AlertDescription.BAD_RECORD_MAC,
          AlertDescription.HANDSHAKE_FAILURE,
          AlertDescription.UNKNOWN_PSK_IDENTITY,
          AlertDescription.ACCESS_DENIED);

  /**
   * RFC 6347 section 4.2.4 numbers the client's ClientKeyExchange + Finished flight 5, and so does
   * Scandium's DtlsHandshakeTimeoutException. A timeout there means the server answered our
   * hellos but not our Finished: a server that cannot verify it (wrong key) or knows no key for
   * the identity drops it silently, as DTLS allows (RFC 6347 section 4.1.2.7; Californium and
   * OpenSSL both do), so no alert ever comes.
   */
  static final int FINISHED_FLIGHT = 5;

  private HandshakeFailures() {}

  /**
   * @param peerAlert the last alert the server sent during this exchange, or null
   */
  static TransportException classify(URI target, Throwable error, AlertMessage peerAlert, List<Reading> acknowledged) {
    String peer = target.getHost() + ":" + target.getPort();
    HandshakeException handshake = find(error, HandshakeException.class);
    AlertMessage alert = peerAlert != null ? peerAlert : handshake == null ? null : handshake.getAlert();
    DtlsHandshakeTimeoutException timeout = find(error, DtlsHandshakeTimeoutException.class);
    if (timeout != null && timeout.getFlightNumber() < FINISHED_FLIGHT) {
      return new TransportException(Retry.SOON, "DTLS handshake with " + peer
          + " got no answer (server down or unreachable); retrying later", acknowledged, error);
    }
    if (timeout != null) {
      return new TransportException(Retry.SLOWLY, "DTLS handshake with " + peer
          + " failed: the server rejected our PSK (wrong key or identity): it answered our hello but never"
          + " accepted our Finished; check psk.identity and psk.key", acknowledged, error);
    }
    if (alert != null && alert.isFatal() && PSK_REJECTED.contains(alert.getDescription())) {
      return new TransportException(Retry.SLOWLY, "DTLS handshake with " + peer
          + " failed: the server rejected our PSK (wrong key or identity); alert "
          + name(alert) + "; check psk.identity and psk.key", acknowledged, error);
    }
    if (alert != null || handshake != null) {
      String why = alert == null ? String.valueOf(handshake.getMessage()) : "alert " + name(alert);
      return new TransportException(Retry.SLOWLY, "DTLS handshake with " + peer + " failed: " + why,
          acknowledged, error);
    }
    return new TransportException(Retry.SOON, "sending to " + target + " failed: " + error, acknowledged, error);
  }

  private static String name(AlertMessage alert) {
    return alert.getDescription().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
