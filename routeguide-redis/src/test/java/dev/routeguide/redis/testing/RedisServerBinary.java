package dev.routeguide.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a {@code redis-server} executable for tests: the one on {@code PATH} when installed,
 * otherwise the linux-amd64 binary (Redis 6.2) that {@code com.github.codemonstur:embedded-redis}
 * carries in its jar, extracted once into the temporary directory.
 *
 * <p>The system property {@value #PROPERTY} chooses: {@code path} (only {@code PATH}), {@code
 * embedded} (only the bundled binary, e.g. to test a machine without Redis), or the path of an
 * executable.
 *
 * @since 0.2.0
 */
public final class RedisServerBinary {

  /** System property that chooses the binary: {@code path}, {@code embedded} or a file. */
  public static final String PROPERTY = "routeguide.redis.server";

  /** The resource inside embedded-redis 1.4.3 that holds redis-server 6.2 for linux-amd64. */
  static final String EMBEDDED_RESOURCE = "/redis-server-6.2.6-v5-linux-amd64";

  private RedisServerBinary() {}

  /**
   * The executable chosen by {@value #PROPERTY}, or found as the class says.
   *
   * @throws IllegalStateException if none can be found; the message says what to install
   */
  public static Path locate() {
    String choice = System.getProperty(PROPERTY, "");
    switch (choice) {
      case "":
        return onPath().orElseGet(RedisServerBinary::embedded);
      case "path":
        return onPath().orElseThrow(() -> new IllegalStateException(
            "-D" + PROPERTY + "=path but no redis-server on PATH; install it (apt-get install"
                + " redis-server)"));
      case "embedded":
        return embedded();
      default:
        Path file = Path.of(choice);
        if (!Files.isExecutable(file)) {
          throw new IllegalStateException("-D" + PROPERTY + "=" + choice + " is not executable");
        }
        return file;
    }
  }

  /** The redis-server on {@code PATH}, if there is one. */
  public static Optional<Path> onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "redis-server"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * The redis-server 6.2 binary bundled by embedded-redis, extracted into the temporary directory.
   *
   * @throws IllegalStateException if this is not linux-amd64 or embedded-redis is not on the
   *     class path
   */
  public static synchronized Path embedded() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      throw new IllegalStateException("no redis-server on PATH, and the bundled binary is for"
          + " linux-amd64 only (this is " + os + "/" + arch + "): install redis-server");
    }
    try (InputStream in = RedisServerBinary.class.getResourceAsStream(EMBEDDED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no redis-server on PATH and no " + EMBEDDED_RESOURCE
            + " on the class path: add com.github.codemonstur:embedded-redis (test scope)");
      }
      byte[] binary = in.readAllBytes();
      Path target =
          Path.of(System.getProperty("java.io.tmpdir"),
              "routeguide-redis-server-6.2-" + binary.length);
      if (!Files.isExecutable(target) || Files.size(target) != binary.length) {
        Path partial = Files.createTempFile(target.getParent(), "routeguide-redis-", ".part");
        Files.write(partial, binary);
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the bundled redis-server", e);
    }
  }
}
