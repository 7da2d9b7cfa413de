package dev.routeguide.core.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every RouteGuide benchmark in one JMH run and prints the scores and the speed-up of the
 * catalogue over the linear scan, computed from that same run: the ratio of the mean scores, and as
 * a bound that a noisy neighbour cannot inflate, the fastest scan iteration over the slowest
 * catalogue iteration. The Markdown table is also written to {@code target/benchmark-report.md}.
 *
 * <p>Argument {@code full} (the default) uses 1 fork, 3 × 1 s warm-up and 5 × 1 s measurement per
 * benchmark; {@code quick} is a smoke test of the set-up whose numbers mean nothing.
 */
public final class BenchmarkReport {

  private BenchmarkReport() {}

  /** Entry point; see the class comment for the argument. */
  public static void main(String[] args) throws RunnerException, IOException {
    boolean quick = args.length > 0 && args[0].equals("quick");
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(BenchmarkReport.class.getPackageName() + "\\..*Benchmark\\..*")
            .exclude(ScalingBenchmark.class.getName())
            .addProfiler(GCProfiler.class)
            .forks(1)
            .jvmArgs("-Xms3g", "-Xmx3g");
    if (quick) {
      options
          .warmupIterations(1)
          .warmupTime(TimeValue.milliseconds(200))
          .measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(200));
    } else {
      options
          .warmupIterations(3)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(5)
          .measurementTime(TimeValue.seconds(1));
    }
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Collection<RunResult> runs = new Runner(options.build()).run();
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    Map<String, Result<?>> scores = new TreeMap<>();
    Map<String, Result<?>> allocations = new TreeMap<>();
    for (RunResult run : runs) {
      String name = run.getParams().getBenchmark();
      String key = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      scores.put(key, run.getPrimaryResult());
      allocations.put(key, run.getSecondaryResults().get("gc.alloc.rate.norm"));
    }

    StringBuilder report = new StringBuilder();
    report.append("| benchmark | score | error (99.9%) | unit | allocated |\n");
    report.append("|---|---:|---:|---|---:|\n");
    for (Map.Entry<String, Result<?>> entry : scores.entrySet()) {
      Result<?> result = entry.getValue();
      Result<?> allocated = allocations.get(entry.getKey());
      report.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | ± %s | %s | %s |%n",
              entry.getKey(),
              format(result.getScore()),
              format(result.getScoreError()),
              result.getScoreUnit(),
              allocated == null ? "n/a" : format(allocated.getScore()) + " B/op"));
    }
    report.append('\n');
    report.append(
        "| query (1,000,000 features) | linear scan | catalogue | speed-up"
            + " (scan ÷ catalogue) | worst pairing | target |\n");
    report.append("|---|---:|---:|---:|---:|---:|\n");
    ratio(report, scores, "exact lookup (GetFeature)", "LookupBenchmark", 1_000);
    ratio(report, scores, "0.01° rectangle (ListFeatures)", "RectangleBenchmark", 100);
    Result<?> stored = scores.get("LookupBenchmark.storedFeatures");
    Result<?> lookup = scores.get("LookupBenchmark.catalogue");
    Result<?> search = scores.get("LookupBenchmark.catalogueSearch");
    if (stored != null && lookup != null && search != null) {
      report.append(
          String.format(
              Locale.ROOT,
              "%nExact lookup against a HashMap of stored Feature objects (the 0.1 design), same"
                  + " run: lookup (feature created, name decoded) %s×, search alone (hasFeatureAt)"
                  + " %s× the map's time.%n",
              format(lookup.getScore() / stored.getScore()),
              format(search.getScore() / stored.getScore())));
    }
    report.append(
        String.format(
            Locale.ROOT,
            "%nJDK %s, %d processors, 1-minute load average %.2f before and %.2f after the run.%n",
            Runtime.version(),
            Runtime.getRuntime().availableProcessors(),
            loadBefore,
            loadAfter));

    System.out.println();
    System.out.println(report);
    Path out = Path.of("target", "benchmark-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
  }

  private static void ratio(
      StringBuilder report,
      Map<String, Result<?>> scores,
      String label,
      String benchmark,
      int target) {
    Result<?> scan = scores.get(benchmark + ".linearScan");
    Result<?> ours = scores.get(benchmark + ".catalogue");
    if (scan == null || ours == null) {
      report.append("| ").append(label).append(" | (not run) | | | | |\n");
      return;
    }
    double speedUp = scan.getScore() / ours.getScore();
    // Relative errors add in quadrature for a quotient.
    double relative = Math.hypot(relativeError(scan), relativeError(ours));
    // A bound one noisy iteration cannot flatter: fastest scan iteration ÷ slowest catalogue one.
    double worst = scan.getStatistics().getMin() / ours.getStatistics().getMax();
    report.append(
        String.format(
            Locale.ROOT,
            "| %s | %s %s | %s %s | %s× ± %s | %s× | ≥ %d× %s |%n",
            label,
            format(scan.getScore()),
            scan.getScoreUnit(),
            format(ours.getScore()),
            ours.getScoreUnit(),
            format(speedUp),
            format(speedUp * relative),
            format(worst),
            target,
            Math.min(speedUp, worst) >= target ? "met" : "MISSED"));
  }

  private static double relativeError(Result<?> result) {
    return result.getScoreError() / result.getScore(); // NaN (shown as n/a) for one iteration
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.3g", value);
  }
}
