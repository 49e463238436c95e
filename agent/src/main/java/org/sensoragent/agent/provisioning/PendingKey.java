package org.sensoragent.agent.provisioning;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

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
      java.security.PublicKey publicKey;
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
      var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, device).build();
      PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, publicKey)
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(privateKey));
      StringWriter pem = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
        writer.writeObject(csr);
      }
      return pem.toString();
    } catch (Pem.PemException e) {
      throw new IOException(e.getMessage(), e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
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
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    }
    Path partial = dir.resolve(Provisioning.DEVICE_KEY + ".partial");
    Files.deleteIfExists(partial);
    var mode = PosixFilePermissions.fromString("rw-------");
    try (FileChannel channel = FileChannel.open(partial, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(mode))) {
      Files.setPosixFilePermissions(partial, mode);
      channel.write(java.nio.ByteBuffer.wrap(pem.toString().getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    }
    Files.move(partial, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    ProvisioningInstaller.fsync(dir);
    ProvisioningInstaller.fsync(dir.getParent());
  }

  private static java.security.PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
    if (!(key instanceof java.security.interfaces.ECPrivateKey ec)) {
      throw new GeneralSecurityException("the pending key is not an EC key");
    }
    // derive Q = d·G with Bouncy Castle's curve arithmetic; the JDK offers no public-from-private
    var spec = org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec("secp256r1");
    var q = spec.getG().multiply(ec.getS()).normalize();
    var point = new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    return java.security.KeyFactory.getInstance("EC").generatePublic(new java.security.spec.ECPublicKeySpec(point, ec.getParams()));
  }
}
