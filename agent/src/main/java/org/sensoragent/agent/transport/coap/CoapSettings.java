package org.sensoragent.agent.transport.coap;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;

/**
 * Retransmission and size settings of the CoAP/DTLS stack, and the Californium {@link
 * Configuration} built from them <em>in code</em>: nothing is read from or written to a
 * {@code Californium3.properties} file (the service's file system is read-only).
 *
 * @param ackTimeout CoAP ACK_TIMEOUT: wait before the first retransmission of a confirmable request
 * @param ackRandomFactor CoAP ACK_RANDOM_FACTOR (≥ 1): spreads retransmissions of many devices
 * @param maxRetransmit CoAP MAX_RETRANSMIT: retransmissions before a request counts as unanswered
 * @param maxAckTimeout cap on the doubled timeout, so late retransmissions still come often enough
 * @param dtlsRetransmissionTimeout wait before a DTLS handshake flight is sent again
 * @param dtlsMaxRetransmissions flight retransmissions before a handshake counts as unanswered
 * @param rehandshakeAfter transmissions of a request on an established DTLS session left
 *     unanswered before the transport assumes the server lost the session (it restarted and drops
 *     our records silently), cancels the request and sends it once more after a new handshake;
 *     0: never, wait for all {@code maxRetransmit} retransmissions
 * @param maxPayloadBytes largest SenML pack per request; larger batches are split into packs
 */
public record CoapSettings(
    Duration ackTimeout,
    float ackRandomFactor,
    int maxRetransmit,
    Duration maxAckTimeout,
    Duration dtlsRetransmissionTimeout,
    int dtlsMaxRetransmissions,
    int rehandshakeAfter,
    int maxPayloadBytes) {

  /**
   * For lossy links (Wi-Fi at the edge of range, cellular): RFC 7252's 2 s and factor 1.5, but five
   * retransmissions instead of four, each wait capped at 16 s. With 20 % loss each way a request
   * then goes unanswered with probability 0.36^6 ≈ 0.2 %, after at most about 70 s. A request on an
   * established session whose first two transmissions go unanswered (6 to 9 s) is sent once more
   * after a new handshake: a restarted server costs seconds, not 70 s; on that lossy link it costs
   * one handshake for 0.36^2 ≈ 13 % of the requests, never more than one per request.
   */
  public static final CoapSettings LOSSY_LINK =
      new CoapSettings(Duration.ofSeconds(2), 1.5f, 5, Duration.ofSeconds(16), Duration.ofSeconds(2), 5, 2, 1024);

  /** CID length we ask peers to put into the records they send us (RFC 9146). */
  static final int CONNECTION_ID_BYTES = 6;

  /**
   * PSK suites in order of preference: ECDHE-PSK with AES-GCM for forward secrecy where the server
   * has it (RFC 8442; Californium does, OpenSSL does not), then TLS_PSK_WITH_AES_128_CCM_8, the
   * suite RFC 7252 mandates and every CoAP server has, then plain PSK with GCM. No CBC suite:
   * Californium counts them as not recommended (padding-oracle attacks on DTLS), and a server
   * offering ECDHE-PSK only with CBC still has CCM_8.
   */
  public static final List<CipherSuite> CIPHER_SUITES =
      List.of(
          CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256,
          CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
          CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256);

  public CoapSettings {
    if (ackRandomFactor < 1.0f) {
      throw new IllegalArgumentException("ackRandomFactor must be at least 1, was " + ackRandomFactor);
    }
    if (maxRetransmit < 0 || dtlsMaxRetransmissions < 0 || rehandshakeAfter < 0) {
      throw new IllegalArgumentException("retransmission counts must not be negative");
    }
    if (maxPayloadBytes < 256) {
      throw new IllegalArgumentException("maxPayloadBytes must be at least 256, was " + maxPayloadBytes);
    }
  }

  /**
   * A fresh Californium configuration for one endpoint: CoAP, DTLS and UDP modules at their
   * defaults, overridden by these settings, one worker thread each (a Pi sends one request at a
   * time). Never {@link Configuration#getStandard()}, which writes {@code Californium3.properties}.
   */
  public Configuration configuration(DtlsConfig.DtlsRole role) {
    Configuration config = new Configuration(CoapConfig.DEFINITIONS, DtlsConfig.DEFINITIONS, UdpConfig.DEFINITIONS);
    config.set(CoapConfig.ACK_TIMEOUT, ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    config.set(CoapConfig.ACK_INIT_RANDOM, ackRandomFactor);
    config.set(CoapConfig.MAX_RETRANSMIT, maxRetransmit);
    config.set(CoapConfig.MAX_ACK_TIMEOUT, maxAckTimeout.toMillis(), TimeUnit.MILLISECONDS);
    config.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 1);
    // a pack always fits one message: no block-wise transfer, whose state a loss could strand
    config.set(CoapConfig.MAX_MESSAGE_SIZE, Math.max(maxPayloadBytes, 1024));
    config.set(DtlsConfig.DTLS_ROLE, role);
    config.set(DtlsConfig.DTLS_CIPHER_SUITES, CIPHER_SUITES);
    config.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, CONNECTION_ID_BYTES);
    config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, dtlsRetransmissionTimeout.toMillis(), TimeUnit.MILLISECONDS);
    config.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, dtlsMaxRetransmissions);
    config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
    config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
    config.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
    config.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
    return config;
  }

  /**
   * The longest a request can take before Californium reports it unanswered: a full handshake
   * with every flight retransmitted, then every CoAP retransmission at its longest wait. Used only
   * as a guard against a callback that never comes, never as the normal way to give up.
   */
  Duration worstCaseExchange() {
    long handshakeMillis = 0;
    long wait = dtlsRetransmissionTimeout.toMillis();
    for (int i = 0; i <= dtlsMaxRetransmissions; i++) {
      handshakeMillis += wait;
      wait = Math.min(wait * 2, 60_000);
    }
    long exchangeMillis = 0;
    double ack = ackTimeout.toMillis() * (double) ackRandomFactor;
    for (int i = 0; i <= maxRetransmit; i++) {
      exchangeMillis += (long) Math.min(ack, maxAckTimeout.toMillis() * (double) ackRandomFactor);
      ack *= 2;
    }
    // two handshake rounds (flights 1-2 with cookie, 3-6) and slack for a slow Pi
    return Duration.ofMillis(2 * handshakeMillis + exchangeMillis + 10_000);
  }
}
