package org.sensoragent.agent.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads the PEM files openssl writes: certificate chains, private keys as PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}), and
 * public keys. PKCS#8 and public keys are decoded by the JDK's key factories, so a daemon with
 * the usual files loads no Bouncy Castle classes; the other forms are Bouncy Castle's to parse.
 * Error messages name the file and never contain key material. Encrypted keys are refused: an unattended device has no one to type a passphrase.
 */
public final class Pem {

  private static final List<String> JDK_KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519", "Ed448");

  private Pem() {}

  /** The certificates of a file, leaf first as TLS sends them. */
  public static List<X509Certificate> certificates(Path file) throws PemException {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> chain = new ArrayList<>();
      for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        chain.add((X509Certificate) certificate);
      }
      if (chain.isEmpty()) {
        throw new PemException(file + ": holds no PEM certificate");
      }
      return chain;
    } catch (NoSuchFileException e) {
      throw new PemException(file + ": missing");
    } catch (IOException | CertificateException e) {
      throw new PemException(file + ": not a readable PEM certificate (" + e.getMessage() + ")");
    }
  }

  public static PrivateKey privateKey(Path file) throws PemException {
    // PKCS#8, what openssl genpkey writes, the JDK reads itself: `run` then loads no Bouncy Castle
    byte[] pkcs8 = firstBlock(file, "PRIVATE KEY");
    if (pkcs8 != null) {
      PrivateKey key = jdkKey(algorithm -> KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
      if (key != null) {
        return key;
      }
    }
    Object object = firstObject(file);
    try {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
    } catch (PEMException | RuntimeException e) {
      throw new PemException(file + ": private key of an unsupported algorithm (" + e.getMessage() + ")");
    }
    throw new PemException(file + ": holds no unencrypted PEM private key (PKCS#8, RSA or EC), found "
        + describe(object));
  }

  public static PublicKey publicKey(Path file) throws PemException {
    byte[] spki = firstBlock(file, "PUBLIC KEY");
    if (spki != null) {
      PublicKey key = jdkKey(algorithm -> KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki)));
      if (key != null) {
        return key;
      }
    }
    Object object = firstObject(file);
    try {
      if (object instanceof SubjectPublicKeyInfo info) {
        return new JcaPEMKeyConverter().getPublicKey(info);
      }
    } catch (PEMException | RuntimeException e) {
      throw new PemException(file + ": public key of an unsupported algorithm (" + e.getMessage() + ")");
    }
    throw new PemException(file + ": holds no PEM public key (\"BEGIN PUBLIC KEY\"), found " + describe(object));
  }

  /**
   * Whether the private key belongs to the certificate: a fresh challenge signed with the key must
   * verify with the certificate's public key. Works for every key type without comparing encodings.
   */
  public static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Decodes a key with the JDK's own factories; null when none of them takes it. */
  private static <K> K jdkKey(KeyDecoder<K> decoder) {
    for (String algorithm : JDK_KEY_ALGORITHMS) {
      try {
        return decoder.decode(algorithm);
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // not this algorithm (or not well formed): the next one, then Bouncy Castle, will say
      }
    }
    return null;
  }

  @FunctionalInterface
  private interface KeyDecoder<K> {
    K decode(String algorithm) throws GeneralSecurityException;
  }

  /**
   * The base64 body of the file's first PEM block when its label is exactly {@code label}; null
   * when the first block has another label, so that Bouncy Castle reads it (and says what it is).
   */
  private static byte[] firstBlock(Path file, String label) throws PemException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new PemException(file + ": missing");
    } catch (IOException e) {
      throw new PemException(file + ": not valid PEM (" + e.getMessage() + ")");
    }
    StringBuilder body = null;
    for (String line : lines) {
      String text = line.strip();
      if (body == null) {
        if (text.startsWith("-----BEGIN ")) {
          if (!text.equals("-----BEGIN " + label + "-----")) {
            return null;
          }
          body = new StringBuilder();
        }
      } else if (text.equals("-----END " + label + "-----")) {
        try {
          return Base64.getDecoder().decode(body.toString());
        } catch (IllegalArgumentException e) {
          return null;
        }
      } else {
        body.append(text);
      }
    }
    return null;
  }

  private static Object firstObject(Path file) throws PemException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object = parser.readObject();
      if (object == null) {
        throw new PemException(file + ": holds no PEM block");
      }
      return object;
    } catch (NoSuchFileException e) {
      throw new PemException(file + ": missing");
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle throws unchecked exceptions for malformed DER inside a PEM block
      throw new PemException(file + ": not valid PEM (" + e.getMessage() + ")");
    }
  }

  private static String describe(Object object) {
    return object.getClass().getSimpleName().replace("PKCS8EncryptedPrivateKeyInfo", "an encrypted key (not supported)")
        .replace("PEMEncryptedKeyPair", "an encrypted key (not supported)");
  }

  /** A PEM file that is missing or unusable; the message names the file and the cause. */
  public static final class PemException extends Exception {
    public PemException(String message) {
      super(message);
    }
  }
}
