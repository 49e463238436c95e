package org.sensoragent.agent.provisioning;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Replaces the provisioning directory {@code P} as a whole, keeping the previous one as
 * {@code P.previous}. The steps: write every file into the sibling {@code P.new} (secrets 0600,
 * others 0644, owned by the service user {@value #SERVICE_USER} when running as root and the user
 * exists), fsync each file and {@code P.new}; check the staged copy; delete the old
 * {@code P.previous}; rename {@code P} to {@code P.previous}; rename {@code P.new} to {@code P};
 * fsync the parent.
 *
 * <p>What is atomic: each rename(2) is, on one file system, so {@code P} is at every instant
 * either the old directory, absent, or the new one, whole; never a mix of files. What is not: the
 * two renames together. A crash between them leaves {@code P} absent with {@code P.previous} (the
 * old provisioning) and {@code P.new} (the new one) beside it; {@link #recover()} — run by every
 * install, and to be run before the agent loads its provisioning — puts {@code P.previous} back
 * as {@code P} and deletes {@code P.new}: it rolls back, because "installed" was never said. A
 * crash while staging leaves {@code P} untouched and a partial {@code P.new}, which recovery
 * deletes. Durability: an install that returned without problems survives a power cut (every
 * file and both directories were fsync'ed); one that did not may be rolled back. Not thread- or
 * process-safe: one installer at a time (the USB unit runs one per stick; systemd serialises
 * nothing here, so do not run two {@code provision} commands at once).
 */
public final class ProvisioningInstaller {

  public static final String SERVICE_USER = "sensor-agent";

  /**
   * Test hook: when this system property names a step ({@code staged}, {@code between-renames}),
   * the installer prints {@code paused at <step>} on standard error and waits there to be killed.
   */
  public static final String PAUSE_PROPERTY = "sensoragent.provision.pauseAt";

  private final Path target;
  private final Path staging;
  private final Path backup;

  public ProvisioningInstaller(Path target) {
    this.target = target.toAbsolutePath().normalize();
    this.staging = this.target.resolveSibling(this.target.getFileName() + ".new");
    this.backup = this.target.resolveSibling(this.target.getFileName() + ".previous");
  }

  public Path backup() {
    return backup;
  }

  /**
   * Undoes an interrupted install (see the class comment).
   *
   * @return what was done, one line each; empty when nothing was interrupted
   */
  public List<String> recover() throws IOException {
    List<String> done = new ArrayList<>();
    if (!exists(target) && exists(backup)) {
      Files.move(backup, target, StandardCopyOption.ATOMIC_MOVE);
      fsync(target.getParent());
      done.add("restored " + target + " from " + backup + " (an install was interrupted between its two renames)");
    }
    if (exists(staging)) {
      deleteTree(staging);
      fsync(target.getParent());
      done.add("removed the unfinished " + staging + " of an interrupted install");
    }
    return done;
  }

  /**
   * Installs {@code files} (name in the provisioning directory → where to read it) as the new
   * provisioning directory, when {@code checkStaged} finds no error in the staged copy.
   *
   * @return the problems {@code checkStaged} found; empty when installed and durable
   * @throws IOException when a file cannot be read or written; {@code P} is then the old
   *     directory, or restorable by {@link #recover()}
   */
  public List<Finding> install(Map<String, Path> files, Function<Path, List<Finding>> checkStaged) throws IOException {
    recover();
    Files.createDirectories(target.getParent());
    Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Optional<Owner> owner = serviceOwner();
    try {
      for (Map.Entry<String, Path> file : files.entrySet()) {
        boolean secret = Bundle.SECRETS.contains(file.getKey());
        write(staging.resolve(file.getKey()), Files.readAllBytes(file.getValue()), secret ? "rw-------" : "rw-r--r--", owner);
      }
      fsync(staging);
      pauseAt("staged");
      List<Finding> problems = checkStaged.apply(staging);
      if (problems.stream().anyMatch(Finding::isError)) {
        deleteTree(staging);
        return problems;
      }
    } catch (IOException | RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
    if (exists(backup)) {
      deleteTree(backup);
      fsync(target.getParent()); // the old backup is gone for good before P moves onto its name
    }
    if (exists(target)) {
      Files.move(target, backup, StandardCopyOption.ATOMIC_MOVE);
    }
    pauseAt("between-renames");
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    fsync(target.getParent());
    return List.of();
  }

  private static void write(Path file, byte[] content, String mode, Optional<Owner> owner) throws IOException {
    var permissions = PosixFilePermissions.fromString(mode);
    try (FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(permissions))) {
      Files.setPosixFilePermissions(file, permissions); // exact, whatever the umask
      if (owner.isPresent()) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        view.setOwner(owner.get().user());
        if (owner.get().group() != null) {
          view.setGroup(owner.get().group());
        }
      }
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /** fsync of a directory, so that the names in it are durable. */
  static void fsync(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static boolean exists(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }

  private record Owner(UserPrincipal user, GroupPrincipal group) {}

  /** The service user when running as root and it exists; else files stay the caller's. */
  private static Optional<Owner> serviceOwner() throws IOException {
    try {
      if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
        return Optional.empty();
      }
    } catch (NoSuchFileException | UnsupportedOperationException e) {
      return Optional.empty();
    }
    var lookup = Path.of("/").getFileSystem().getUserPrincipalLookupService();
    try {
      UserPrincipal user = lookup.lookupPrincipalByName(SERVICE_USER);
      GroupPrincipal group;
      try {
        group = lookup.lookupPrincipalByGroupName(SERVICE_USER);
      } catch (UserPrincipalNotFoundException e) {
        group = null;
      }
      return Optional.of(new Owner(user, group));
    } catch (UserPrincipalNotFoundException e) {
      return Optional.empty();
    }
  }

  private static void pauseAt(String step) {
    if (!step.equals(System.getProperty(PAUSE_PROPERTY))) {
      return;
    }
    System.err.println("paused at " + step);
    System.err.flush();
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Runtime.getRuntime().halt(137); // behave as killed: no cleanup runs
      }
    }
  }
}
