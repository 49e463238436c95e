package org.sensoragent.agent.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sensoragent.agent.config.AgentConfig;
import org.sensoragent.agent.config.ConfigException;
import org.sensoragent.agent.config.ConfigLoader;

/**
 * A command's options: {@code --name value} pairs and bare {@code --flags}, checked against what
 * the command accepts so that a typo is an error, not a silently ignored option.
 */
public final class Args {

  private final Map<String, String> values = new HashMap<>();

  private Args() {}

  /**
   * @param withValue options that take a value, such as {@code --config}
   * @param flags options that stand alone, such as {@code --connect}
   */
  public static Args parse(List<String> words, Set<String> withValue, Set<String> flags) throws UsageException {
    Args args = new Args();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (flags.contains(word)) {
        args.values.put(word, "");
      } else if (withValue.contains(word)) {
        if (i + 1 >= words.size()) {
          throw new UsageException(word + " needs a value");
        }
        args.values.put(word, words.get(++i));
      } else {
        throw new UsageException("unknown option \"" + word + "\"");
      }
    }
    return args;
  }

  public boolean has(String option) {
    return values.containsKey(option);
  }

  public String value(String option, String fallback) {
    return values.getOrDefault(option, fallback);
  }

  /**
   * The config named by {@code --config} (or the installed default), loaded and validated.
   *
   * @throws UsageException naming the file, line and key of what is wrong: exit 2
   */
  public AgentConfig loadConfig() throws UsageException {
    try {
      return ConfigLoader.load(configFile());
    } catch (ConfigException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** {@code --config F}, or the installed default. */
  public Path configFile() {
    return Path.of(value("--config", AgentConfig.DEFAULT_FILE.toString()));
  }
}
