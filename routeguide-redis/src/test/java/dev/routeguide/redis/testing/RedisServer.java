package dev.routeguide.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} process on a free loopback port, for tests: no persistence ({@code
 * --save "" --appendonly no}), its working directory a fresh temporary one.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *   RedisNoteBoard board = RedisNoteBoard.builder(redis.uri()).connect();
 *   ...
 *   redis.stop();     // an outage: the port stays reserved for restart()
 *   redis.restart();  // the same port, empty again
 * }
 * }</pre>
 *
 * <p>The executable comes from {@link RedisServerBinary#locate()}. Every process still running
 * when the JVM exits is killed then, so a failed test leaves none behind.
 *
 * @since 0.2.0
 */
public final class RedisServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(
        new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "redis-server-reaper"));
  }

  private final Path binary;
  private final int port;
  private final Path directory;
  private final List<String> extraArguments;
  private Process process; // guarded by this

  private RedisServer(Path binary, int port, Path directory, List<String> extraArguments) {
    this.binary = binary;
    this.port = port;
    this.directory = directory;
    this.extraArguments = extraArguments;
  }

  /** Starts a server with the binary {@link RedisServerBinary#locate()} finds. */
  public static RedisServer start() {
    return start(RedisServerBinary.locate());
  }

  /** Starts a server with the given executable. */
  public static RedisServer start(Path binary) {
    return start(binary, List.of());
  }

  /**
   * Starts a server with extra {@code redis-server} arguments, e.g. {@code --cluster-enabled yes}.
   *
   * @throws IllegalStateException if it does not answer PING within 10 seconds
   */
  public static RedisServer start(Path binary, List<String> extraArguments) {
    Objects.requireNonNull(binary, "binary");
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      RedisServer server;
      try {
        server = new RedisServer(binary, freePort(),
            Files.createTempDirectory("routeguide-redis-"), List.copyOf(extraArguments));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        server.launch();
        return server;
      } catch (IllegalStateException e) { // e.g. another process took the port meanwhile
        server.close();
        last = e;
      }
    }
    throw last;
  }

  /** The URI to connect to, {@code redis://127.0.0.1:<port>}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** The loopback port it listens on, kept across {@link #stop()} and {@link #restart()}. */
  public int port() {
    return port;
  }

  /** The executable it runs. */
  public Path binary() {
    return binary;
  }

  /** Whether the process is running now. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills the process (as a crash would) and waits for it to exit. Idempotent. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server on port " + port + " did not exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping redis-server", e);
    } finally {
      RUNNING.remove(process);
    }
    process = null;
  }

  /** Starts the process again on the same port, empty; a no-op if it runs. */
  public synchronized void restart() {
    if (!isRunning()) {
      launch();
    }
  }

  /** Stops the process and deletes its directory. */
  @Override
  public synchronized void close() {
    try {
      stop();
    } finally {
      deleteDirectory();
    }
  }

  @Override
  public String toString() {
    return "RedisServer[" + uri() + ", " + binary + "]";
  }

  private synchronized void launch() {
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", directory.toString(),
        "--logfile", directory.resolve("redis.log").toString()));
    command.addAll(extraArguments);
    try {
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(directory.resolve("stdout.log").toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    RUNNING.add(process);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        RUNNING.remove(process);
        process = null;
        throw new IllegalStateException("redis-server exited at start on port " + port + ": "
            + logTail());
      }
      if (answersPing()) {
        return;
      }
      try {
        Thread.sleep(10); // polling interval while waiting for the process to listen
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
        throw new IllegalStateException("interrupted while starting redis-server", e);
      }
    }
    stop();
    throw new IllegalStateException("redis-server did not answer PING on port " + port
        + " within " + START_TIMEOUT.toSeconds() + " s: " + logTail());
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[7];
      int read = in.readNBytes(reply, 0, 7);
      return read == 7 && new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  private String logTail() {
    for (String name : List.of("redis.log", "stdout.log")) {
      try {
        List<String> lines = Files.readAllLines(directory.resolve(name));
        if (!lines.isEmpty()) {
          return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
      } catch (IOException e) {
        // try the next log
      }
    }
    return "(no log)";
  }

  private void deleteDirectory() {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
