package org.sensoragent.agent.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
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

/**
 * Reads the PEM files openssl writes: certificate chains, private keys as PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}, also
 * after the {@code EC PARAMETERS} block {@code openssl ecparam -genkey} writes), and public keys
 * ({@code PUBLIC KEY}, {@code RSA PUBLIC KEY}). PKCS#1 and SEC1 are rewrapped as PKCS#8 and
 * public PKCS#1 as SubjectPublicKeyInfo, so the JDK's key factories decode every form.
 * Error messages name the file and never contain key material. Encrypted keys are refused: an unattended device has no one to type a passphrase.
 */
public final class Pem {

  private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
  private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
  private static final String NO_PRIVATE_KEY = ": holds no unencrypted PEM private key (PKCS#8, RSA or EC), found ";

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
    Block block = blocks(file, 1).get(0);
    Block parameters = null;
    if (block.label().equals("EC PARAMETERS")) {
      // openssl ecparam -genkey: the curve first, then the key
      List<Block> blocks = blocks(file, 2);
      if (blocks.size() == 2) {
        parameters = block;
        block = blocks.get(1);
      }
    }
    if (block.encrypted() || block.label().equals("ENCRYPTED PRIVATE KEY")) {
      throw new PemException(file + NO_PRIVATE_KEY + "an encrypted key (not supported)");
    }
    try {
      byte[] pkcs8 = switch (block.label()) {
        case "PRIVATE KEY" -> block.der();
        case "RSA PRIVATE KEY" -> privateKeyInfo(Der.sequence(Der.oid(RSA_ENCRYPTION), Der.nullValue()), block.der());
        case "EC PRIVATE KEY" -> privateKeyInfo(Der.sequence(Der.oid(EC_PUBLIC_KEY), Der.oid(curve(file, block, parameters))),
            block.der());
        default -> throw new PemException(file + NO_PRIVATE_KEY + "a \"" + block.label() + "\" block");
      };
      // PrivateKeyInfo: SEQUENCE { version, AlgorithmIdentifier { OID, ... }, OCTET STRING key }
      String algorithm = Der.read(pkcs8).child(1, Der.SEQUENCE).child(0, Der.OID).oid();
      return keyFactory(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (IllegalArgumentException e) {
      throw new PemException(file + ": not valid PEM (" + block.label() + ": " + e.getMessage() + ")");
    } catch (GeneralSecurityException e) {
      throw new PemException(file + ": private key of an unsupported algorithm (" + e.getMessage() + ")");
    }
  }

  public static PublicKey publicKey(Path file) throws PemException {
    Block block = blocks(file, 1).get(0);
    try {
      byte[] spki = switch (block.label()) {
        case "PUBLIC KEY" -> block.der();
        // PKCS#1 RSAPublicKey, as openssl rsa -RSAPublicKey_out writes it: wrap as SubjectPublicKeyInfo
        case "RSA PUBLIC KEY" -> Der.sequence(Der.sequence(Der.oid(RSA_ENCRYPTION), Der.nullValue()),
            Der.bitString(checked(block.der())));
        default -> throw new PemException(file + ": holds no PEM public key (\"BEGIN PUBLIC KEY\"), found a \"" + block.label()
            + "\" block");
      };
      // SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier { OID, ... }, BIT STRING key }
      String algorithm = Der.read(spki).child(0, Der.SEQUENCE).child(0, Der.OID).oid();
      return keyFactory(algorithm).generatePublic(new X509EncodedKeySpec(spki));
    } catch (IllegalArgumentException e) {
      throw new PemException(file + ": not valid PEM (" + block.label() + ": " + e.getMessage() + ")");
    } catch (GeneralSecurityException e) {
      throw new PemException(file + ": public key of an unsupported algorithm (" + e.getMessage() + ")");
    }
  }

  /**
   * Whether the private key belongs to the certificate: a fresh challenge signed with the key must
   * verify with the certificate's public key. Works for every key type without comparing encodings.
   */
  public static boolean matches(PrivateKey key, X509Certificate certificate) {
    return matches(key, certificate.getPublicKey());
  }

  /** Whether {@code publicKey} verifies what {@code key} signs: the two halves of one key pair. */
  static boolean matches(PrivateKey key, PublicKey publicKey) {
    String algorithm = signatureAlgorithm(key.getAlgorithm());
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The JCA signature with SHA-256 for a key of {@code keyAlgorithm}, as openssl signs with it. */
  static String signatureAlgorithm(String keyAlgorithm) {
    return switch (keyAlgorithm) {
      case "EC" -> "SHA256withECDSA";
      case "EdDSA", "Ed25519", "Ed448" -> keyAlgorithm; // EdDSA hashes inside the signature
      default -> "SHA256with" + keyAlgorithm; // RSA, DSA
    };
  }

  /** The PEM text of {@code der}: base64 in lines of 64 between BEGIN and END lines, as openssl writes it. */
  static String encode(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  /** PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING the key in its own form }. */
  private static byte[] privateKeyInfo(byte[] algorithm, byte[] key) {
    return Der.sequence(Der.integer(0), algorithm, Der.octetString(checked(key)));
  }

  /** {@code der} when it is one well-formed element: a damaged key is "not valid PEM", not a puzzle from a key factory. */
  private static byte[] checked(byte[] der) {
    Der.read(der);
    return der;
  }

  /**
   * The named curve of a SEC1 key: its own [0] parameters, or else those of the {@code EC PARAMETERS}
   * block before it. The JDK takes named curves only, so explicit curve parameters are refused.
   */
  private static String curve(Path file, Block key, Block parameters) throws PemException {
    // ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING d, [0] ECParameters OPTIONAL, [1] BIT STRING OPTIONAL }
    Der.Element named = null;
    for (Der.Element field : Der.read(key.der()).children()) {
      if (field.tag() == Der.CONTEXT_0 && !field.children().isEmpty()) {
        named = field.children().get(0);
      }
    }
    if (named == null && parameters != null) {
      named = Der.read(parameters.der());
    }
    if (named == null) {
      throw new PemException(file + ": EC private key names no curve (no parameters in the key nor an EC PARAMETERS block)");
    }
    if (named.tag() != Der.OID) {
      throw new PemException(file + ": EC private key with explicit curve parameters; only named curves are supported"
          + " (openssl ec -param_enc named_curve writes one)");
    }
    return named.oid();
  }

  /** The JDK's key factories know most algorithms by OID too, EC only by its name. */
  private static KeyFactory keyFactory(String oid) throws NoSuchAlgorithmException {
    try {
      return KeyFactory.getInstance(oid.equals(EC_PUBLIC_KEY) ? "EC" : oid);
    } catch (NoSuchAlgorithmException e) {
      throw new NoSuchAlgorithmException("OID " + oid, e);
    }
  }

  /**
   * The first {@code atMost} PEM blocks of the file; text before and between blocks is ignored, as
   * openssl ignores it. Only the blocks asked for are checked, so a damaged block after them is no error.
   */
  private static List<Block> blocks(Path file, int atMost) throws PemException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new PemException(file + ": missing");
    } catch (IOException e) {
      throw new PemException(file + ": not valid PEM (" + e.getMessage() + ")");
    }
    List<Block> blocks = new ArrayList<>();
    String label = null;
    boolean encrypted = false;
    StringBuilder base64 = new StringBuilder();
    for (String line : lines) {
      String text = line.strip();
      if (label == null) {
        if (text.startsWith("-----BEGIN ") && text.endsWith("-----") && text.length() > 16) {
          label = text.substring(11, text.length() - 5);
          encrypted = false;
          base64.setLength(0);
        }
      } else if (text.startsWith("-----END ")) {
        if (!text.equals("-----END " + label + "-----")) {
          throw new PemException(file + ": not valid PEM (\"BEGIN " + label + "\" ends with \"" + text + "\")");
        }
        try {
          blocks.add(new Block(label, encrypted, Base64.getDecoder().decode(base64.toString())));
        } catch (IllegalArgumentException e) {
          throw new PemException(file + ": not valid PEM (" + label + ": bad base64)");
        }
        label = null;
        if (blocks.size() == atMost) {
          return blocks;
        }
      } else if (text.contains(":")) {
        // RFC 1421 headers such as "Proc-Type: 4,ENCRYPTED" and "DEK-Info: AES-256-CBC,..." of an encrypted key
        encrypted |= text.startsWith("Proc-Type:") && text.contains("ENCRYPTED");
      } else {
        base64.append(text);
      }
    }
    if (label != null) {
      throw new PemException(file + ": not valid PEM (no \"-----END " + label + "-----\" line)");
    }
    if (blocks.isEmpty()) {
      throw new PemException(file + ": holds no PEM block");
    }
    return blocks;
  }

  /** One PEM block: its label, whether its headers say it is encrypted, and its DER content. */
  private record Block(String label, boolean encrypted, byte[] der) {}

  /** A PEM file that is missing or unusable; the message names the file and the cause. */
  public static final class PemException extends Exception {
    public PemException(String message) {
      super(message);
    }
  }
}
