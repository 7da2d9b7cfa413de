package dev.routeguide.core.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.features.FeatureDatabase;
import dev.routeguide.core.geo.Point;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The catalogue's scaling curve: 1M, 10M and 100M random features generated in memory (never as
 * JSON, never as a list of {@link Feature} objects), each size in its own {@code -Xmx8g} JVM, and
 * 10M features loaded from a JSON file in another. Prints the Markdown table of BENCHMARKS.md and
 * writes it to {@code target/scaling-report.md}.
 *
 * <p>Each size's JVM measures the heap after full GCs before and after building the catalogue
 * (bytes per feature), times adding the features and {@code build()} once each, then runs
 * {@link ScalingBenchmark} through JMH in the same JVM (no fork: the catalogue is built once).
 * Argument {@code full} (the default) measures the exact queries and the small box with 3 × 1 s
 * warm-up and 5 × 2 s measurement, the whole box with 2 × 1 s and 3 × 1 s, all with JMH's GC
 * profiler; {@code quick} runs 1M and 10M only, 1M from JSON, with one 200 ms iteration: a smoke
 * test whose numbers mean nothing; {@code lookup} runs 1M and 100M only, the exact queries and the
 * small box as {@code full} does, without the whole box and the JSON load: the lookup ratio's
 * rows in about a third of the time, for comparing one change. System property {@code
 * scaling.largePages=false} starts every size's JVM without huge pages.
 */
public final class ScalingReport {

  private static final String HEAP = "-Xmx8g";
  // A large catalogue is read at random: with 4 KB pages, a lookup at 100M misses the TLB on
  // every array it touches. What a server holding one should run with; every size gets it.
  private static final String LARGE_PAGES = "-XX:+UseTransparentHugePages";
  // System property false: every size's JVM without it, to measure what the huge pages buy.
  private static final boolean USE_LARGE_PAGES =
      !"false".equals(System.getProperty("scaling.largePages"));
  private static final int SAMPLE = ScalingBenchmark.PROBES;

  private ScalingReport() {}

  /** Entry point; see the class comment for the argument. */
  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "full";
    switch (mode) {
      case "catalogue" -> measureCatalogue(Integer.parseInt(args[1]), args[2], Path.of(args[3]));
      case "json" -> measureJson(Path.of(args[1]), Path.of(args[2]));
      case "full", "quick" -> report(mode.equals("quick"));
      case "lookup" -> reportLookup();
      default ->
          throw new IllegalArgumentException("mode must be full, quick or lookup, got " + mode);
    }
  }

  private static void report(boolean quick) throws IOException, InterruptedException {
    long started = System.nanoTime();
    int[] sizes = quick ? new int[] {1_000_000, 10_000_000} : new int[] {1_000_000, 10_000_000, 100_000_000};
    int jsonSize = quick ? 1_000_000 : 10_000_000;
    String speed = quick ? "quick" : "full";
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    List<Properties> rows = new ArrayList<>();
    for (int size : sizes) {
      rows.add(child("catalogue", Integer.toString(size), speed));
    }
    Path json = Files.createTempFile("routeguide-scaling-", ".json");
    Properties loaded;
    try {
      NewJersey.writeJson(jsonSize, NewJersey.SEED, json);
      loaded = child("json", json.toString());
      loaded.setProperty("fileBytes", Long.toString(Files.size(json)));
    } finally {
      Files.deleteIfExists(json);
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    String table = table(rows, loaded, quick, loadBefore, loadAfter, System.nanoTime() - started);
    System.out.println();
    System.out.println(table);
    Path out = Path.of("target", "scaling-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table, StandardCharsets.UTF_8);
  }

  /** The lookup mode: 1M and 100M, exact queries and small box only; see the class comment. */
  private static void reportLookup() throws IOException, InterruptedException {
    long started = System.nanoTime();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<Properties> rows = new ArrayList<>();
    for (int size : new int[] {1_000_000, 100_000_000}) {
      rows.add(child("catalogue", Integer.toString(size), "lookup"));
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Run %s; LOOKUP MODE (1M and 100M, exact queries and small box, 3 × 1 s warm-up,"
                + " 5 × 2 s); 1-minute load average %.2f before and %.2f after; %s %s; %.1f min.%n%n",
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .format(Instant.now().atOffset(ZoneOffset.UTC)),
            loadBefore,
            loadAfter,
            HEAP,
            USE_LARGE_PAGES ? LARGE_PAGES : "without huge pages",
            (System.nanoTime() - started) / 60e9));
    out.append(
        "| features | beyond the name's UTF-8 | build() | exact lookup | search alone | lookup,"
            + " search allocated | 0.01° box: results | box | per result |\n");
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Properties row : rows) {
      long size = Long.parseLong(row.getProperty("size"));
      double results = number(row, "boxResults");
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f B | %.2f s | %.0f ns ± %.0f | %.0f ns ± %.0f | %.0f B/op, %.0f B/op"
                  + " | %.0f | %.1f µs ± %.1f | %.0f ns |%n",
              grouped(size),
              (number(row, "heapBytes") - number(row, "nameBytes")) / size,
              number(row, "buildSeconds"),
              number(row, "lookup"),
              number(row, "lookup.error"),
              number(row, "search"),
              number(row, "search.error"),
              number(row, "lookup.bytesPerOp"),
              number(row, "search.bytesPerOp"),
              results,
              number(row, "smallBox"),
              number(row, "smallBox.error"),
              number(row, "smallBox") * 1000 / results));
    }
    Properties first = rows.get(0);
    Properties last = rows.get(1);
    out.append(
        String.format(
            Locale.ROOT,
            "%nAt 100M ÷ at 1M: lookup %.2f×, search %.2f×, box per result %.2f×.%n",
            number(last, "lookup") / number(first, "lookup"),
            number(last, "search") / number(first, "search"),
            (number(last, "smallBox") / number(last, "boxResults"))
                / (number(first, "smallBox") / number(first, "boxResults"))));
    System.out.println();
    System.out.println(out);
    Path file = Path.of("target", "scaling-lookup.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
  }

  /** Runs one measurement in its own JVM and reads back what it wrote. */
  private static Properties child(String... args) throws IOException, InterruptedException {
    Path result = Files.createTempFile("routeguide-scaling-", ".properties");
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add(HEAP);
      if (USE_LARGE_PAGES) {
        command.add(LARGE_PAGES);
      }
      command.add("-Djmh.ignoreLock=" + Boolean.getBoolean("jmh.ignoreLock"));
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(ScalingReport.class.getName());
      command.addAll(Arrays.asList(args));
      command.add(result.toString());
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException(String.join(" ", args) + " failed with exit code " + exit);
      }
      Properties properties = new Properties();
      try (Reader in = Files.newBufferedReader(result)) {
        properties.load(in);
      }
      return properties;
    } finally {
      Files.deleteIfExists(result);
    }
  }

  private static void measureCatalogue(int size, String speed, Path result)
      throws IOException, RunnerException {
    int[] sample = new int[2 * SAMPLE];
    long before = settledHeap();

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long startedCpu = threads.getCurrentThreadCpuTime();
    long started = System.nanoTime();
    FeatureCatalogue.Builder builder = FeatureCatalogue.builder(size);
    SplittableRandom random = new SplittableRandom(NewJersey.SEED);
    int stride = Math.max(1, size / SAMPLE);
    int sampled = 0;
    long nameBytes = 0;
    for (int i = 0; i < size; i++) {
      Point point = NewJersey.randomPoint(random);
      String name = NewJersey.name(i);
      nameBytes += name.length(); // ASCII: one byte per char
      builder.add(Feature.named(name, point));
      if (i % stride == 0 && sampled < SAMPLE) {
        sample[2 * sampled] = point.latitudeE7();
        sample[2 * sampled + 1] = point.longitudeE7();
        sampled++;
      }
    }
    long added = System.nanoTime();
    long addedCpu = threads.getCurrentThreadCpuTime();
    long addedUser = threads.getCurrentThreadUserTime();
    long addedProcess = processCpuNanos();
    FeatureCatalogue catalogue = builder.build();
    long builtProcess = processCpuNanos();
    long built = System.nanoTime();
    long builtCpu = threads.getCurrentThreadCpuTime();
    long builtUser = threads.getCurrentThreadUserTime();
    builder = null;
    long after = settledHeap();

    ScalingBenchmark.catalogue = catalogue;
    ScalingBenchmark.sample = Arrays.copyOf(sample, 2 * sampled);
    Properties properties = new Properties();
    properties.setProperty("size", Integer.toString(catalogue.size()));
    properties.setProperty("heapBytes", Long.toString(after - before));
    properties.setProperty("nameBytes", Long.toString(nameBytes));
    properties.setProperty("addSeconds", Double.toString((added - started) / 1e9));
    properties.setProperty("buildSeconds", Double.toString((built - added) / 1e9));
    properties.setProperty("addCpuSeconds", Double.toString((addedCpu - startedCpu) / 1e9));
    properties.setProperty("buildCpuSeconds", Double.toString((builtCpu - addedCpu) / 1e9));
    // The kernel's share (first touch of fresh heap, compaction for huge pages) apart.
    properties.setProperty("buildUserSeconds", Double.toString((builtUser - addedUser) / 1e9));
    // Every thread of the JVM: build()'s fork-join tasks, and the JIT compiler and GC too.
    properties.setProperty(
        "buildProcessCpuSeconds", Double.toString((builtProcess - addedProcess) / 1e9));
    properties.setProperty("boxResults", Double.toString(ScalingBenchmark.meanSmallBoxResults()));

    // The exact queries and the small box: 3 × 1 s warm-up, 5 × 2 s measurement (so the 99.9%
    // error of 5 iterations is about 4 standard deviations, not 18 as with 3), with the GC
    // profiler (bytes allocated per query, collections in the measurement). The whole box, a
    // pass of seconds over 100M features, keeps fewer, shorter iterations.
    boolean quick = speed.equals("quick");
    runBenchmarks(
        properties,
        "(lookup|search|smallBox)",
        quick ? Iterations.QUICK : new Iterations(3, 1, 5, 2));
    if (!speed.equals("lookup")) {
      runBenchmarks(
          properties, "wholeBox", quick ? Iterations.QUICK : new Iterations(2, 1, 3, 1));
    }
    write(properties, result);
  }

  /** JMH's iterations for one group of benchmarks: counts, and seconds each. */
  private record Iterations(
      int warmups, double warmupSeconds, int measurements, double measurementSeconds) {
    /** One 200 ms iteration of each: a smoke test. */
    static final Iterations QUICK = new Iterations(1, 0.2, 1, 0.2);
  }

  /** Runs the matching {@link ScalingBenchmark} methods and records score, error and GC figures. */
  private static void runBenchmarks(Properties properties, String methods, Iterations iterations)
      throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(ScalingBenchmark.class.getName() + "\\." + methods + "$")
            .forks(0)
            .warmupIterations(iterations.warmups())
            .warmupTime(TimeValue.milliseconds(Math.round(iterations.warmupSeconds() * 1000)))
            .measurementIterations(iterations.measurements())
            .measurementTime(
                TimeValue.milliseconds(Math.round(iterations.measurementSeconds() * 1000)))
            .addProfiler(GCProfiler.class);
    for (RunResult run : new Runner(options.build()).run()) {
      String name = run.getParams().getBenchmark();
      Result<?> score = run.getPrimaryResult();
      String method = name.substring(name.lastIndexOf('.') + 1);
      properties.setProperty(method, Double.toString(score.getScore()));
      properties.setProperty(method + ".error", Double.toString(score.getScoreError()));
      // JMH reports no GC time for a measurement without a collection.
      properties.setProperty(method + ".gcCount", "0");
      properties.setProperty(method + ".gcMillis", "0");
      for (String key : run.getSecondaryResults().keySet()) {
        double value = run.getSecondaryResults().get(key).getScore();
        if (key.endsWith("gc.alloc.rate.norm")) {
          properties.setProperty(method + ".bytesPerOp", Double.toString(value));
        } else if (key.endsWith("gc.count")) {
          properties.setProperty(method + ".gcCount", Double.toString(value));
        } else if (key.endsWith("gc.time")) {
          properties.setProperty(method + ".gcMillis", Double.toString(value));
        }
      }
    }
  }

  private static void measureJson(Path file, Path result) throws IOException {
    AtomicLong peakAfterGc = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    notification.getType())) {
                  GarbageCollectionNotificationInfo info =
                      GarbageCollectionNotificationInfo.from(
                          (CompositeData) notification.getUserData());
                  long used = 0;
                  for (MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                    used += usage.getUsed();
                  }
                  peakAfterGc.accumulateAndGet(used, Math::max);
                }
              },
              null,
              null);
    }
    long before = settledHeap();
    peakAfterGc.set(0);
    AtomicLong peakInUse = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peakInUse.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(2); // a sampling period, not a wait for a condition
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();

    long started = System.nanoTime();
    List<Feature> entries = FeatureDatabase.read(file);
    long read = System.nanoTime();
    FeatureCatalogue catalogue = FeatureCatalogue.of(entries);
    long built = System.nanoTime();
    int entryCount = entries.size();
    entries = null;
    sampler.interrupt();
    long after = settledHeap();

    Properties properties = new Properties();
    properties.setProperty("size", Integer.toString(catalogue.size()));
    properties.setProperty("entries", Integer.toString(entryCount));
    properties.setProperty("readSeconds", Double.toString((read - started) / 1e9));
    properties.setProperty("buildSeconds", Double.toString((built - read) / 1e9));
    properties.setProperty("heapBefore", Long.toString(before));
    properties.setProperty("peakAfterGc", Long.toString(peakAfterGc.get()));
    properties.setProperty("peakInUse", Long.toString(peakInUse.get()));
    properties.setProperty("catalogueBytes", Long.toString(after - before));
    write(properties, result);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Heap in use after full collections: the live data, give or take a few kilobytes. */
  private static long settledHeap() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static void write(Properties properties, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file)) {
      properties.store(out, null);
    }
  }

  private static String table(
      List<Properties> rows,
      Properties json,
      boolean quick,
      double loadBefore,
      double loadAfter,
      long elapsedNanos) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Run %s; JDK %s; %d processors; 1-minute load average %.2f before and %.2f after;"
                + " every size in its own %s %s JVM; JMH in-process, %s; whole run %.1f min.%n%n",
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .format(Instant.now().atOffset(ZoneOffset.UTC)),
            Runtime.version(),
            Runtime.getRuntime().availableProcessors(),
            loadBefore,
            loadAfter,
            HEAP,
            USE_LARGE_PAGES ? LARGE_PAGES : "(no huge pages)",
            quick
                ? "QUICK MODE (1 × 200 ms): these numbers mean nothing"
                : "exact queries and small box 3 × 1 s warm-up, 5 × 2 s measurement over "
                    + ScalingBenchmark.PROBES
                    + " random existing features; whole box 2 × 1 s, 3 × 1 s; score ± 99.9% error",
            elapsedNanos / 60e9));
    out.append(
        "| features | heap per feature | of which beyond the name's UTF-8 | add (generate,"
            + " encode) | build() | exact lookup | search alone | 0.01° box: results | box"
            + " | per result | whole box |\n");
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Properties row : rows) {
      long size = Long.parseLong(row.getProperty("size"));
      double heap = Double.parseDouble(row.getProperty("heapBytes"));
      double names = Double.parseDouble(row.getProperty("nameBytes"));
      double results = Double.parseDouble(row.getProperty("boxResults"));
      double boxMicros = number(row, "smallBox");
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f B | %.1f B | %.2f s (CPU %.2f s) | %.2f s (caller's CPU %.2f s, user %.2f s; the JVM's CPU %.2f s) | %.0f ns ± %.0f | %.0f ns ± %.0f"
                  + " | %.0f | %.1f µs ± %.1f | %.0f ns | %s features/s |%n",
              grouped(size),
              heap / size,
              (heap - names) / size,
              number(row, "addSeconds"),
              number(row, "addCpuSeconds"),
              number(row, "buildSeconds"),
              number(row, "buildCpuSeconds"),
              number(row, "buildUserSeconds"),
              number(row, "buildProcessCpuSeconds"),
              number(row, "lookup"),
              number(row, "lookup.error"),
              number(row, "search"),
              number(row, "search.error"),
              results,
              boxMicros,
              number(row, "smallBox.error"),
              boxMicros * 1000 / results,
              grouped(Math.round(size / (number(row, "wholeBox") / 1000)))));
    }
    out.append(
        "\n| features | lookup: allocated | collections in its measurement | search alone:"
            + " allocated | collections in its measurement |\n");
    out.append("|---:|---:|---:|---:|---:|\n");
    for (Properties row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f B/op | %.0f (%.0f ms) | %.0f B/op | %.0f (%.0f ms) |%n",
              grouped(Long.parseLong(row.getProperty("size"))),
              number(row, "lookup.bytesPerOp"),
              number(row, "lookup.gcCount"),
              number(row, "lookup.gcMillis"),
              number(row, "search.bytesPerOp"),
              number(row, "search.gcCount"),
              number(row, "search.gcMillis")));
    }
    Properties first = rows.get(0);
    Properties last = rows.get(rows.size() - 1);
    double lookupRatio = number(last, "lookup") / number(first, "lookup");
    double perResultRatio =
        (number(last, "smallBox") / number(last, "boxResults"))
            / (number(first, "smallBox") / number(first, "boxResults"));
    out.append(
        String.format(
            Locale.ROOT,
            "%nExact lookup at %s ÷ at %s: %.2f× (target ≤ 2×: %s). 0.01° box, cost per result at"
                + " %s ÷ at %s: %.2f× for %.0f× the catalogue.%n",
            grouped(Long.parseLong(last.getProperty("size"))),
            grouped(Long.parseLong(first.getProperty("size"))),
            lookupRatio,
            lookupRatio <= 2 ? "met" : "**missed**",
            grouped(Long.parseLong(last.getProperty("size"))),
            grouped(Long.parseLong(first.getProperty("size"))),
            perResultRatio,
            Double.parseDouble(last.getProperty("size"))
                / Double.parseDouble(first.getProperty("size"))));
    double beyond =
        (number(last, "heapBytes") - number(last, "nameBytes")) / number(last, "size");
    double firstBuild = number(first, "buildSeconds");
    out.append(
        String.format(
            Locale.ROOT,
            "%nHeap beyond the names' UTF-8 at %s: %.1f B per feature (target ≤ 24: %s; judged on"
                + " the largest size, where G1's rounding of arrays to whole regions is"
                + " negligible). build() from %s, one cold pass: %.2f s of wall-clock time, the"
                + " wait (target ≤ 0.25 s: %s; LoadBenchmark times it warmed up), %.2f s of the"
                + " JVM's CPU (fork-join tasks, JIT compiler and GC included) and %.2f s of the"
                + " calling thread's, %.2f s of it in user mode (the rest is the kernel's: first"
                + " touch of fresh heap, compaction for huge pages).%n",
            grouped(Long.parseLong(last.getProperty("size"))),
            beyond,
            beyond <= 24 ? "met" : "**missed**",
            grouped(Long.parseLong(first.getProperty("size"))),
            firstBuild,
            firstBuild <= 0.25 ? "met" : "**missed**",
            number(first, "buildProcessCpuSeconds"),
            number(first, "buildCpuSeconds"),
            number(first, "buildUserSeconds")));
    double mb = 1024 * 1024;
    double before = number(json, "heapBefore");
    out.append(
        String.format(
            Locale.ROOT,
            "%n| loading from JSON | file | read (FeatureDatabase.read) | build (of) | peak heap"
                + " after GC | peak heap in use (incl. garbage) | catalogue kept |%n"
                + "|---|---:|---:|---:|---:|---:|---:|%n"
                + "| %s entries | %.0f MB | %.2f s | %.2f s | %.0f MB | %.0f MB | %.0f MB |%n",
            grouped(Long.parseLong(json.getProperty("entries"))),
            number(json, "fileBytes") / mb,
            number(json, "readSeconds"),
            number(json, "buildSeconds"),
            (number(json, "peakAfterGc") - before) / mb,
            (number(json, "peakInUse") - before) / mb,
            number(json, "catalogueBytes") / mb));
    return out.toString();
  }

  private static double number(Properties properties, String key) {
    return Double.parseDouble(properties.getProperty(key));
  }

  private static String grouped(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
