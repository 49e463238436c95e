package org.sensoragent.agent.provisioning;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.sensoragent.agent.config.ConfigException;
import org.sensoragent.agent.config.ConfigLoader;
import org.sensoragent.agent.config.toml.Toml;
import org.sensoragent.agent.config.toml.TomlException;
import org.sensoragent.agent.config.toml.TomlTable;

/**
 * Reads {@code provisioning.toml}: exactly {@code device} and {@code endpoint}. Says what is
 * missing or wrong, naming the file and line; checks no credential file (transports do that).
 */
public final class ProvisioningLoader {

  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<String> KEYS = Set.of("device", "endpoint");

  private ProvisioningLoader() {}

  /** Loads from {@code dir}; secrets from {@code $CREDENTIALS_DIRECTORY} when systemd set it. */
  public static Provisioning load(Path dir) throws ConfigException {
    String credentials = System.getenv("CREDENTIALS_DIRECTORY");
    return load(dir, credentials == null || credentials.isEmpty() ? null : Path.of(credentials));
  }

  public static Provisioning load(Path dir, Path credentialsDir) throws ConfigException {
    Path file = dir.resolve(Provisioning.TOML);
    TomlTable toml;
    try {
      toml = Toml.parse(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": not provisioned (no such file); provision the device first");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
    } catch (TomlException e) {
      throw ConfigLoader.syntaxError(file, e);
    }
    Set<String> unknown = new TreeSet<>(toml.keySet());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      String key = unknown.iterator().next();
      throw new ConfigException(file + " line " + toml.lineOf(key) + ": " + key + " is not a known key (known: device, endpoint)");
    }
    String device = required(toml, file, "device");
    if (!DEVICE_ID.matcher(device).matches()) {
      throw new ConfigException(file + " line " + toml.lineOf("device")
          + ": device must be 1-64 letters, digits, '.', '_' or '-', was \"" + device + "\"");
    }
    URI endpoint = endpoint(toml, file, required(toml, file, "endpoint"));
    return new Provisioning(device, endpoint, dir, credentialsDir);
  }

  private static String required(TomlTable toml, Path file, String key) throws ConfigException {
    Object value = toml.get(key);
    if (value == null) {
      throw new ConfigException(file + ": " + key + " is missing");
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw new ConfigException(file + " line " + toml.lineOf(key) + ": " + key + " must be a non-empty string");
    }
    return text;
  }

  private static URI endpoint(TomlTable toml, Path file, String text) throws ConfigException {
    String where = file + " line " + toml.lineOf("endpoint") + ": endpoint ";
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new ConfigException(where + "is not a URI: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (!"mqtts".equals(scheme) && !"coaps".equals(scheme)) {
      throw new ConfigException(where + "must start with mqtts:// or coaps:// (no plaintext transport exists), was \"" + text + "\"");
    }
    if (uri.getHost() == null) {
      throw new ConfigException(where + "has no host: \"" + text + "\"");
    }
    return uri;
  }
}
