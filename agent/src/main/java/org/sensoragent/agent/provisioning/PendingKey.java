package org.sensoragent.agent.provisioning;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.List;
import java.util.Set;
import javax.crypto.KeyAgreement;

/**
 * CSR mode's key that the device makes for itself: an EC P-256 key kept in the pending area
 * {@code P.pending/<device>/device.key} (directory 0700, key 0600, fsync'ed), outside the
 * provisioning directory so that installs do not swap it away. Only the PKCS#10 request (subject
 * {@code CN=<device>}, signed SHA256withECDSA) leaves the device. A repeated request for the same
 * device reuses the pending key, so re-inserting the request stick gives a CSR for the same key.
 */
public final class PendingKey {

  private final Path area;

  /** @param provisioningDir {@code P}; the pending area is its sibling {@code P.pending} */
  public PendingKey(Path provisioningDir) {
    Path target = provisioningDir.toAbsolutePath().normalize();
    this.area = target.resolveSibling(target.getFileName() + ".pending");
  }

  /** The folder holding {@code device.key} for {@code device}; use as a credentials directory. */
  public Path dirFor(String device) {
    return area.resolve(device);
  }

  public boolean exists(String device) {
    return Files.isRegularFile(dirFor(device).resolve(Provisioning.DEVICE_KEY));
  }

  /** The PEM CSR for the pending key of {@code device}, making the key first when there is none. */
  public String request(String device) throws IOException {
    Path dir = dirFor(device);
    Path keyFile = dir.resolve(Provisioning.DEVICE_KEY);
    try {
      PrivateKey privateKey;
      PublicKey publicKey;
      if (exists(device)) {
        privateKey = Pem.privateKey(keyFile);
        publicKey = publicKeyOf(privateKey);
      } else {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        privateKey = pair.getPrivate();
        publicKey = pair.getPublic();
        store(dir, keyFile, privateKey);
      }
      return Pem.encode("CERTIFICATE REQUEST", CertificationRequest.der(device, publicKey, privateKey));
    } catch (Pem.PemException e) {
      throw new IOException(e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IOException(keyFile + ": cannot make an EC P-256 key and CSR: " + e.getMessage(), e);
    }
  }

  /** Deletes the pending key of {@code device} once its certificate is installed. */
  public void discard(String device) throws IOException {
    ProvisioningInstaller.deleteTree(dirFor(device));
  }

  private static void store(Path dir, Path keyFile, PrivateKey key) throws IOException {
    Files.createDirectories(dir.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    String pem = Pem.encode("PRIVATE KEY", key.getEncoded()); // the JDK encodes private keys as PKCS#8
    Path partial = dir.resolve(Provisioning.DEVICE_KEY + ".partial");
    Files.deleteIfExists(partial);
    var mode = PosixFilePermissions.fromString("rw-------");
    try (FileChannel channel = FileChannel.open(partial, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(mode))) {
      Files.setPosixFilePermissions(partial, mode);
      channel.write(java.nio.ByteBuffer.wrap(pem.getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    }
    Files.move(partial, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    ProvisioningInstaller.fsync(dir);
    ProvisioningInstaller.fsync(dir.getParent());
  }

  /**
   * Q = d·G of a stored key, which the JDK's key classes do not expose. ECDH of the key with the
   * generator G gives Q's x; y is one of the two square roots of x³ + ax + b, and Q is the one that
   * verifies what the key signs. The multiplication by the secret d stays in the JDK's ECDH; only
   * public values are computed here.
   */
  private static PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
    if (!(key instanceof ECPrivateKey ec)) {
      throw new GeneralSecurityException("the pending key is not an EC key");
    }
    ECParameterSpec params = ec.getParams();
    BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
    if (!p.testBit(0) || !p.testBit(1)) {
      throw new GeneralSecurityException("the pending key's curve is not one whose square roots this code takes (p = 3 mod 4)");
    }
    KeyFactory factory = KeyFactory.getInstance("EC");
    KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
    ecdh.init(key);
    ecdh.doPhase(factory.generatePublic(new ECPublicKeySpec(params.getGenerator(), params)), true);
    BigInteger x = new BigInteger(1, ecdh.generateSecret());
    BigInteger ySquared = x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
    BigInteger y = ySquared.modPow(p.add(BigInteger.ONE).shiftRight(2), p); // a square root when p = 3 mod 4
    for (BigInteger candidate : List.of(y, p.subtract(y))) {
      PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(new ECPoint(x, candidate), params));
      if (Pem.matches(key, publicKey)) {
        return publicKey;
      }
    }
    throw new GeneralSecurityException("the public key of the pending key could not be derived");
  }
}
