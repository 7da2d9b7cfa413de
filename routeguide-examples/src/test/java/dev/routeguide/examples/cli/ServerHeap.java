package dev.routeguide.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads another JVM's heap with the JDK's {@code jcmd}: what stays live after a full collection,
 * and how many live instances a class has. For tests of a {@link ServerProcess}.
 */
final class ServerHeap {

  private static final Pattern HEAP_USED =
      Pattern.compile("(?:heap|generation)\\s+total \\d+K, used (\\d+)K");

  private final long pid;

  ServerHeap(long pid) {
    this.pid = pid;
  }

  /** Runs a full collection in the target JVM and returns the bytes still in use. */
  long usedAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher matcher = HEAP_USED.matcher(info);
    long usedKib = 0;
    boolean found = false;
    while (matcher.find()) {
      usedKib += Long.parseLong(matcher.group(1));
      found = true;
      if (info.contains("garbage-first heap")) {
        break; // G1 prints the whole heap first, then regions
      }
    }
    if (!found) {
      throw new IllegalStateException("no heap usage in jcmd GC.heap_info output:\n" + info);
    }
    return usedKib * 1024;
  }

  /** Live instances of the named class after a full collection (the histogram forces one). */
  long liveInstances(String className) throws IOException, InterruptedException {
    String histogram = jcmd("GC.class_histogram");
    Pattern line = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+" + Pattern.quote(className)
        + "(?:\\s|$)", Pattern.MULTILINE);
    Matcher matcher = line.matcher(histogram);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid),
                command)
            .redirectErrorStream(true)
            .start();
    byte[] output = jcmd.getInputStream().readAllBytes();
    if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      jcmd.destroyForcibly();
      throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n"
          + new String(output, StandardCharsets.UTF_8));
    }
    return new String(output, StandardCharsets.UTF_8);
  }

  /** Mebibytes, for messages. */
  static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
