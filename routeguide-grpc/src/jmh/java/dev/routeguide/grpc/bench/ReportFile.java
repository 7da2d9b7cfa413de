package dev.routeguide.grpc.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Writes a generated block of Markdown into BENCHMARKS.md between two marker comments, leaving the
 * rest of the file as it is; the block is appended if the markers are not there yet.
 */
final class ReportFile {

  private ReportFile() {}

  /** Replaces (or appends) the block named {@code name} in the file. */
  static void writeBlock(Path file, String name, String markdown) throws IOException {
    String begin = "<!-- BEGIN generated: " + name + " -->\n";
    String end = "<!-- END generated: " + name + " -->\n";
    String block = begin + markdown.strip() + "\n" + end;
    String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from >= 0 && to > from) {
      text = text.substring(0, from) + block + text.substring(to + end.length());
    } else {
      text = (text.isEmpty() || text.endsWith("\n\n") ? text : text.strip() + "\n\n") + block;
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** The date, JDK and machine, as one Markdown line. */
  static String environment() {
    String date =
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    return String.format(Locale.ROOT,
        "Run %s UTC; JDK %s (%s); %d cores, %s, %s GB RAM; %s %s; load average %s at the start.",
        date, System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(), cpuModel(), memoryGigabytes(),
        System.getProperty("os.name"), System.getProperty("os.arch"), loadAverage());
  }

  /** The 1-minute load average: how busy the machine was (other builds, other benchmarks). */
  private static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }

  private static String memoryGigabytes() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return String.valueOf(Math.round(os.getTotalMemorySize() / 1e9));
    }
    return "?";
  }
}
