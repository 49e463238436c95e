package org.sensoragent.agent.config.toml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Loads the classes of some packages (and named classes) itself, from the parent's class files,
 * and leaves every other class to the parent. What it loads can be unloaded by a full garbage
 * collection once neither the loader nor any object of its classes is reachable; classes the parent
 * loaded stay for the life of the process.
 */
final class IsolatingClassLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private final List<String> isolated;

  /** @param isolated package prefixes ending in '.', or whole class names */
  IsolatingClassLoader(ClassLoader parent, List<String> isolated) {
    super("isolated", parent);
    this.isolated = isolated;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!isIsolated(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = findClass(name);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    String file = name.replace('.', '/') + ".class";
    try (InputStream in = getParent().getResourceAsStream(file)) {
      if (in == null) {
        throw new ClassNotFoundException(name);
      }
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private boolean isIsolated(String name) {
    for (String prefix : isolated) {
      if (prefix.endsWith(".") ? name.startsWith(prefix) : name.equals(prefix)) {
        return true;
      }
    }
    return false;
  }
}
