package org.sensoragent.drivers.i2c;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link I2cDevice} on a Linux I²C bus ({@code /dev/i2c-N}) through Pi4J 2's linuxfs provider
 * (plain ioctls, no pigpio daemon). The only class in this module that imports Pi4J.
 *
 * <p>One Pi4J context is created lazily for the whole process, on the first {@link #open}. Not
 * thread-safe per instance; distinct instances may be used from distinct threads.
 */
public final class Pi4jI2cDevice implements I2cDevice {

  /** Where Linux puts I²C character devices. */
  public static final Path DEV = Path.of("/dev");

  private static final Pattern BUS_NAME = Pattern.compile("i2c-(\\d{1,4})");
  private static final AtomicLong OPENED = new AtomicLong();
  private static Context context;

  private final I2C i2c;
  private final String id;
  private final String location;

  private Pi4jI2cDevice(I2C i2c, String id, int bus, int address) {
    this.i2c = i2c;
    this.id = id;
    this.location = location(bus, address);
  }

  /**
   * Opens {@code /dev/i2c-<bus>} for the 7-bit {@code address}. Nothing is sent to the chip yet.
   *
   * @throws IOException when the bus device is absent or Pi4J cannot open it (e.g. no native
   *     linuxfs library for this CPU)
   */
  public static Pi4jI2cDevice open(int bus, int address) throws IOException {
    if (address < 0x03 || address > 0x77) {
      throw new IllegalArgumentException(
          String.format("I2C address 0x%02x is outside 0x03..0x77", address));
    }
    Path device = DEV.resolve("i2c-" + bus);
    // Checked before Pi4J is touched, so a host without I²C never loads Pi4J's native library.
    if (!Files.exists(device)) {
      throw new IOException(location(bus, address) + ": " + device + " does not exist"
          + " (I2C not enabled? dtparam=i2c_arm=on in config.txt)");
    }
    String id = "sensor-agent-i2c-" + bus + "-" + address + "-" + OPENED.incrementAndGet();
    try {
      Context pi4j = context();
      I2CProvider provider = pi4j.provider(LinuxFsI2CProvider.ID);
      I2CConfig config = I2C.newConfigBuilder(pi4j).id(id).bus(bus).device(address).build();
      return new Pi4jI2cDevice(provider.create(config), id, bus, address);
    } catch (RuntimeException | LinkageError e) {
      throw new IOException(location(bus, address) + ": cannot open " + device + ": " + e, e);
    }
  }

  /** Bus numbers of the {@code i2c-N} devices under {@code devRoot}, ascending; empty if none. */
  public static List<Integer> busNumbers(Path devRoot) {
    List<Integer> buses = new ArrayList<>();
    if (!Files.isDirectory(devRoot)) {
      return buses;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(devRoot, "i2c-*")) {
      for (Path entry : entries) {
        Matcher name = BUS_NAME.matcher(entry.getFileName().toString());
        if (name.matches()) {
          buses.add(Integer.parseInt(name.group(1)));
        }
      }
    } catch (IOException e) {
      return List.of(); // an unreadable /dev has no bus we could open either
    }
    buses.sort(null);
    return buses;
  }

  /** The buses present on this host ({@code /dev/i2c-*}); empty where I²C is off or absent. */
  public static List<Integer> busNumbers() {
    return busNumbers(DEV);
  }

  @Override
  public void writeThenRead(byte[] write, byte[] read) throws IOException {
    try {
      int count;
      int expected;
      if (read.length == 0) {
        count = i2c.write(write, 0, write.length);
        expected = write.length;
      } else if (write.length == 0) {
        count = i2c.read(read, 0, read.length);
        expected = read.length;
      } else {
        // linuxfs implements this as one I2C_RDWR ioctl: write, repeated start, read.
        count = i2c.readRegister(write, read, 0, read.length);
        expected = read.length;
      }
      if (count != expected) {
        throw new IOException(location + ": transferred " + count + " of " + expected + " bytes");
      }
    } catch (RuntimeException e) {
      throw new IOException(location + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String location() {
    return location;
  }

  /** Releases the Pi4J I/O instance; the bus file stays open in Pi4J for the next device. */
  @Override
  public void close() {
    try {
      i2c.close();
      context().shutdown(id);
    } catch (RuntimeException | IOException e) {
      // Closing must not mask the error that made the caller close; Pi4J frees it at exit.
    }
  }

  static String location(int bus, int address) {
    return String.format("i2c-%d/0x%02x", bus, address);
  }

  private static synchronized Context context() throws IOException {
    if (context == null) {
      try {
        context = Pi4J.newContextBuilder()
            .noAutoDetect()
            .add(LinuxFsI2CProvider.newInstance())
            .build();
      } catch (RuntimeException | LinkageError e) {
        throw new IOException("cannot create the Pi4J context: " + e, e);
      }
    }
    return context;
  }
}
