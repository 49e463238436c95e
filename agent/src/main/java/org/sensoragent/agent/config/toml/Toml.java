package org.sensoragent.agent.config.toml;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a TOML 1.0 document with tomlj, which reports the line of every key and error, and leaves
 * nothing of tomlj behind. tomlj's generated ANTLR parser is about 230 classes and 350 KB of static
 * tables: over 1.5 MB of a daemon's private memory for two small files read once at start. So the
 * parses run in a class loader of their own, and those classes are unloaded by the next full garbage
 * collection ({@code run} asks for one after start-up).
 */
public final class Toml {

  /** By name: a class literal would load the reader, and then tomlj, in the agent's own loader. */
  static final String READER = "org.sensoragent.agent.config.toml.TomljReader";

  /** What the isolated loader defines itself: the reader and everything only it uses. */
  private static final List<String> ISOLATED = List.of(READER, "org.tomlj.", "org.antlr.v4.runtime.", "org.checkerframework.");

  private static WeakReference<Function<String, Object>> reader = new WeakReference<>(null);

  private Toml() {}

  public static TomlTable parse(String text) throws TomlException {
    Object result = isolatedReader().apply(text);
    if (result instanceof TomlException error) {
      throw error;
    }
    return (TomlTable) result;
  }

  /** @throws TomlException also when the file is not UTF-8, at the line of the first bad byte */
  public static TomlTable parse(Path file) throws IOException, TomlException {
    return parse(utf8(Files.readAllBytes(file)));
  }

  /**
   * The reader in its own loader, shared by the parses of one start-up (config, then provisioning)
   * so tomlj is loaded once; weakly held, so the first full collection after them unloads it.
   */
  static synchronized Function<String, Object> isolatedReader() {
    Function<String, Object> current = reader.get();
    if (current == null) {
      current = newIsolatedReader();
      reader = new WeakReference<>(current);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static Function<String, Object> newIsolatedReader() {
    ClassLoader loader = new IsolatingClassLoader(Toml.class.getClassLoader(), ISOLATED);
    try {
      return (Function<String, Object>) loader.loadClass(READER).getConstructor().newInstance();
    } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("the TOML reader is missing from the agent's jar", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the TOML reader failed to start", e.getCause());
    }
  }

  private static String utf8(byte[] bytes) throws TomlException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer input = ByteBuffer.wrap(bytes);
    CharBuffer output = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(input, output, true);
    if (result.isError()) {
      int line = 1;
      for (int i = 0; i < input.position(); i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw new TomlException(line, "not UTF-8 text (byte " + input.position() + "); a TOML file is UTF-8");
    }
    decoder.flush(output);
    return output.flip().toString();
  }
}
