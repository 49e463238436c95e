package org.sensoragent.agent.provisioning;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A provisioning bundle folder as found: which of the known file names it holds. Anything else
 * (an unknown name, a sub-folder, a symbolic link, a device node) is a problem, so that what is
 * checked and signed is exactly what is installed. Reads the listing once; files may still change
 * afterwards, which is why {@link BundleSignature} hashes the bytes it is given.
 */
public final class Bundle {

  /** Marker asking the device to make its own key and a CSR (see provisioning/README.md). */
  public static final String CSR_REQUEST = "csr.request";
  public static final String SUMS = "SHA256SUMS";
  public static final String SIGNATURE = "SHA256SUMS.sig";

  /** Files copied into the provisioning directory when present. */
  public static final List<String> INSTALLED_FILES = List.of(
      Provisioning.TOML, Provisioning.CA, Provisioning.DEVICE_CERT, Provisioning.DEVICE_KEY,
      Provisioning.PSK_IDENTITY, Provisioning.PSK_KEY, Provisioning.OPERATOR_KEY);

  /** Secrets: installed 0600, never printed. */
  public static final Set<String> SECRETS = Set.of(Provisioning.DEVICE_KEY, Provisioning.PSK_KEY);

  static final Set<String> KNOWN;

  static {
    Set<String> known = new TreeSet<>(INSTALLED_FILES);
    known.addAll(List.of(CSR_REQUEST, SUMS, SIGNATURE));
    KNOWN = Collections.unmodifiableSet(known);
  }

  private final Path dir;
  private final Set<String> files;
  private final List<Finding> problems;

  private Bundle(Path dir, Set<String> files, List<Finding> problems) {
    this.dir = dir;
    this.files = files;
    this.problems = problems;
  }

  /** Lists {@code dir}; never throws for a bad bundle, reports it in {@link #problems()}. */
  public static Bundle open(Path dir) {
    Set<String> files = new TreeSet<>();
    List<Finding> problems = new ArrayList<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      problems.add(Finding.error(dir, "not a bundle folder (missing, or not a directory)"));
      return new Bundle(dir, files, problems);
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!KNOWN.contains(name)) {
          problems.add(Finding.error(entry, "not a bundle file (known: " + String.join(", ", KNOWN) + ")"));
        } else if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          problems.add(Finding.error(entry, "not a regular file (links and folders are refused)"));
        } else {
          files.add(name);
        }
      }
    } catch (IOException e) {
      problems.add(Finding.error(dir, "cannot be listed: " + e.getMessage()));
    }
    return new Bundle(dir, files, problems);
  }

  public Path dir() {
    return dir;
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  public boolean has(String name) {
    return files.contains(name);
  }

  /** The known regular files present, sorted. */
  public Set<String> files() {
    return Collections.unmodifiableSet(files);
  }

  public List<Finding> problems() {
    return Collections.unmodifiableList(problems);
  }

  public boolean isCsrRequest() {
    return has(CSR_REQUEST);
  }

  public boolean isSigned() {
    return has(SUMS) || has(SIGNATURE);
  }
}
