package org.sensoragent.agent.transport.mqtt;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Offers the device's one certificate chain to every broker that asks for a client certificate.
 * The JDK's key manager offers a chain only when its issuer is in the broker's list of accepted
 * CAs; a device has exactly one identity, so it sends it and lets the broker say no (which then
 * shows up as a clear "certificate rejected" instead of an empty certificate message).
 * Immutable and thread-safe.
 */
final class SingleIdentityKeyManager extends X509ExtendedKeyManager {

  private static final String ALIAS = "device";

  private final X509Certificate[] chain;
  private final PrivateKey key;

  SingleIdentityKeyManager(X509Certificate[] chain, PrivateKey key) {
    this.chain = chain.clone();
    this.key = key;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return new String[] {ALIAS};
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return ALIAS;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return ALIAS;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null; // a client only
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key : null;
  }
}
