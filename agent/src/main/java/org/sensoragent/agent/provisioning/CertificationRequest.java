package org.sensoragent.agent.provisioning;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The PKCS#10 request (RFC 2986) CSR mode sends: subject {@code CN=<name>}, the EC public key, no
 * attributes, signed SHA256withECDSA. The one request the agent makes, so it is written directly.
 */
final class CertificationRequest {

  private static final String COMMON_NAME = "2.5.4.3";
  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

  private CertificationRequest() {}

  /** The DER request; {@link Pem#encode} with {@code CERTIFICATE REQUEST} makes the file. */
  static byte[] der(String commonName, PublicKey publicKey, PrivateKey privateKey) throws GeneralSecurityException {
    // Name: SEQUENCE OF RDN; an RDN is a SET OF { attribute OID, value }, here one UTF8String CN
    byte[] subject = Der.sequence(Der.setOf(Der.sequence(Der.oid(COMMON_NAME), Der.utf8String(commonName))));
    // CertificationRequestInfo: version 0, subject, SubjectPublicKeyInfo (what getEncoded gives), [0] no attributes
    byte[] info = Der.sequence(Der.integer(0), subject, publicKey.getEncoded(), Der.context0());
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(privateKey);
    signer.update(info);
    // the signature is already the DER SEQUENCE { r, s } that ecdsa-with-SHA256 asks for; its algorithm has no parameters
    return Der.sequence(info, Der.sequence(Der.oid(ECDSA_WITH_SHA256)), Der.bitString(signer.sign()));
  }
}
