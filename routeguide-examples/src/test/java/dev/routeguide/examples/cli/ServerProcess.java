package dev.routeguide.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code routeguide server} in a separate JVM, as a user runs it in a terminal: started with
 * flags (and, for memory tests, JVM options such as {@code -Xmx256m}), waited for until it
 * announces its target, and stopped with SIGTERM. Unless the flags say otherwise it is started with
 * {@code --drain-period 0}, so that stopping it does not wait the 5 seconds a probe would need.
 */
final class ServerProcess implements AutoCloseable {

  private static final Pattern ANNOUNCEMENT = Pattern.compile("listening on (\\S+) \\(");

  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final CompletableFuture<String> target = new CompletableFuture<>();
  private final Thread reader;

  private ServerProcess(Process process) {
    this.process = process;
    reader = new Thread(this::readOutput, "server-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  static ServerProcess start(String... flags) throws IOException {
    return start(List.of(), flags);
  }

  /** Starts the server in a JVM with these options (such as {@code -Xmx256m}) and flags. */
  static ServerProcess start(List<String> jvmOptions, String... flags) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RouteGuideCli.class.getName());
    command.add("server");
    if (!List.of(flags).contains("--drain-period")) {
      command.addAll(List.of("--drain-period", "0"));
    }
    command.addAll(List.of(flags));
    return new ServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** Waits for the server to announce where it listens, and returns that target. */
  String awaitTarget() throws Exception {
    try {
      return target.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("server did not announce its target; output:\n" + output, e);
    }
  }

  /** Sends SIGTERM, waits for the process to exit and its output to be read; returns its exit code. */
  int terminate() throws InterruptedException {
    // Through the handle: Process.destroy() would also close our end of the output pipe.
    process.toHandle().destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("server did not stop within 30 s of SIGTERM; output:\n" + output);
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  /** Waits up to 60 s for the process to exit by itself; returns its exit code. */
  int awaitExit() throws InterruptedException {
    return awaitExit(Duration.ofSeconds(60));
  }

  /**
   * Waits for the process to exit by itself, for at most the timeout; returns its exit code.
   *
   * @throws AssertionError if it is still running when the time is up
   */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("server still running after " + timeout + "; output:\n" + output);
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  /** Whether the server's JVM is still running. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** The server JVM's process id, for {@link ServerHeap}. */
  long pid() {
    return process.pid();
  }

  /**
   * Waits up to 60 s for the server to print a line containing the text, and returns that line.
   */
  String awaitLine(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    synchronized (output) {
      while (true) {
        for (String line : output.toString().split("\n")) {
          if (line.contains(text)) {
            return line;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || !reader.isAlive()) {
          throw new AssertionError("server printed no line with \"" + text + "\"; output:\n"
              + output);
        }
        TimeUnit.NANOSECONDS.timedWait(output, left);
      }
    }
  }

  /** Everything the server printed so far. */
  String output() {
    return output.toString();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private void readOutput() {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        synchronized (output) {
          output.append(line).append('\n');
          output.notifyAll();
        }
        Matcher matcher = ANNOUNCEMENT.matcher(line);
        if (matcher.find()) {
          target.complete(matcher.group(1));
        }
      }
    } catch (IOException e) {
      target.completeExceptionally(e);
    }
    target.completeExceptionally(new IllegalStateException("server exited"));
  }
}
