package org.sensoragent.agent.config.toml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlTest {

  @TempDir Path dir;

  @Test
  void copiesEveryKindOfValueWithTheLineOfEachKey() throws Exception {
    TomlTable doc = Toml.parse("""
        # a comment
        title = "room"
        when = 1979-05-27T07:32:00Z

        [mqtt]
        qos = 1
        ratio = 0.5
        tls.verify = true

        [[sensor]]
        name = "a"
        quantities = ["temperature", "humidity"]

        [[sensor]]
        name = "b"
        where = { floor = 2 }
        """);

    assertEquals(List.of("title", "when", "mqtt", "sensor"), List.copyOf(doc.keySet()), "in document order");
    assertEquals("room", doc.get("title"));
    assertEquals(2, doc.lineOf("title"));
    assertEquals(OffsetDateTime.of(1979, 5, 27, 7, 32, 0, 0, ZoneOffset.UTC), doc.get("when"));
    TomlTable mqtt = (TomlTable) doc.get("mqtt");
    assertEquals(5, doc.lineOf("mqtt"));
    assertEquals(5, mqtt.line());
    assertEquals(1L, mqtt.get("qos"));
    assertEquals(7, mqtt.lineOf("ratio"));
    assertEquals(0.5, mqtt.get("ratio"));
    assertEquals(true, ((TomlTable) mqtt.get("tls")).get("verify"));
    List<?> sensors = (List<?>) doc.get("sensor");
    TomlTable first = (TomlTable) sensors.get(0);
    TomlTable second = (TomlTable) sensors.get(1);
    assertEquals(10, first.line());
    assertEquals(14, second.line());
    assertEquals(List.of("temperature", "humidity"), first.get("quantities"));
    assertEquals(16, second.lineOf("where"));
    assertEquals(2L, ((TomlTable) second.get("where")).get("floor"));
    assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) sensors).add(null));
    assertEquals(0, doc.lineOf("absent"));
  }

  @Test
  void anInvalidDocumentNamesTheLineOfItsFirstError() {
    TomlException e = assertThrows(TomlException.class, () -> Toml.parse("a = 1\n\na = 2\n"));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("a"), e.getMessage());

    assertEquals(2, assertThrows(TomlException.class, () -> Toml.parse("[t]\nkey = \n")).line());
  }

  @Test
  void aFileIsReadAsUtf8() throws Exception {
    Path file = Files.writeString(dir.resolve("a.toml"), "room = \"Besprechungsraum Süd\"\n");
    assertEquals("Besprechungsraum Süd", Toml.parse(file).get("room"));
  }

  @Test
  void aFileThatIsNotUtf8NamesTheLineOfTheBadByte() throws Exception {
    Path file = Files.write(dir.resolve("latin1.toml"), new byte[] {'a', '=', '1', '\n', 'b', '=', '"', (byte) 0xfc, '"', '\n'});
    TomlException e = assertThrows(TomlException.class, () -> Toml.parse(file));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
  }

  @Test
  void tomljNeverLoadsInTheAgentsOwnClassLoader() throws Exception {
    Toml.parse("a = 1\n");
    assertThrows(TomlException.class, () -> Toml.parse("a = \n"));

    ClassLoader agent = Toml.class.getClassLoader();
    assertNull(agent.getDefinedPackage("org.tomlj"), "tomlj was loaded by " + agent);
    assertNull(agent.getDefinedPackage("org.antlr.v4.runtime"));
  }

  @Test
  void parsesShareOneIsolatedReaderWhichAFullCollectionLetsGo() throws Exception {
    Function<String, Object> first = Toml.isolatedReader();
    Toml.parse("a = 1\n");
    assertSame(first, Toml.isolatedReader(), "a second parse loads tomlj again");
    WeakReference<ClassLoader> loader = new WeakReference<>(first.getClass().getClassLoader());

    first = null;
    for (int i = 0; i < 20 && loader.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(loader.get(), "Toml keeps its reader's loader, so tomlj can never be unloaded");
  }

  @Test
  void theIsolatedClassesCanBeUnloaded() throws Exception {
    ClassLoader isolating = new IsolatingClassLoader(Toml.class.getClassLoader(), List.of(Toml.READER, "org.tomlj.", "org.antlr.v4.runtime."));
    Class<?> reader = isolating.loadClass(Toml.READER);
    assertSame(isolating, reader.getClassLoader());
    assertSame(isolating, isolating.loadClass("org.tomlj.Toml").getClassLoader());
    assertSame(TomlTable.class, isolating.loadClass(TomlTable.class.getName()), "shared types come from the parent");
    @SuppressWarnings("unchecked")
    Function<String, Object> parser = (Function<String, Object>) reader.getConstructor().newInstance();
    assertEquals(1L, ((TomlTable) parser.apply("[t]\na = 1\n")).lineOf("t"), "a parse that ran leaves no trace either");
    WeakReference<ClassLoader> gone = new WeakReference<>(isolating);

    isolating = null;
    reader = null;
    parser = null;
    for (int i = 0; i < 20 && gone.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(gone.get(), "something still holds the isolated loader, so its classes cannot be unloaded");
  }
}
