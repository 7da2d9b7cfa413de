package dev.routeguide.opentelemetry.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link MetricsCostBenchmark} with metrics off, domain metrics only, and domain plus gRPC
 * metrics in one run, and prints each RPC's throughput and the ratios to off against the target of
 * 0.95.
 *
 * <p>Usage: {@code MetricsCostReport [full|quick]}: {@code full} (the default) is 5 forks of 5
 * one-second warm-ups and 5 measurements; {@code quick} is a sanity run whose ratio is noisy.
 */
public final class MetricsCostReport {

  private static final double TARGET = 0.95;

  private MetricsCostReport() {}

  public static void main(String[] args) throws RunnerException {
    boolean quick = args.length > 0 && args[0].equals("quick");
    OptionsBuilder options = new OptionsBuilder();
    options
        .include(MetricsCostBenchmark.class.getName())
        .forks(quick ? 1 : 5)
        .warmupIterations(quick ? 2 : 5)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 3 : 5)
        .measurementTime(TimeValue.seconds(1))
        .timeUnit(java.util.concurrent.TimeUnit.SECONDS)
        .mode(org.openjdk.jmh.annotations.Mode.Throughput)
        .jvmArgsAppend("-Xmx512m");
    Map<String, Double> scores = new HashMap<>();
    Map<String, Double> errors = new HashMap<>();
    for (RunResult result : new Runner(options.build()).run()) {
      String method = result.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      String key = method + "/" + result.getParams().getParam("metrics");
      scores.put(key, result.getPrimaryResult().getScore());
      errors.put(key, result.getPrimaryResult().getScoreError());
    }
    if (scores.size() != 6) {
      // JMH reports a failed benchmark and carries on: a table of NaN must not pass as a run.
      throw new IllegalStateException("expected 6 results (2 RPCs x 3 settings), got "
          + scores.keySet() + ": see the benchmark failures above");
    }
    System.out.println();
    System.out.println("| RPC (in-process) | metrics off | domain metrics | ÷ off | domain and"
        + " gRPC A66 | ÷ off |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (String method : new String[] {"getFeature", "listFeatures"}) {
      double off = scores.get(method + "/off");
      double domain = scores.get(method + "/domain");
      double all = scores.get(method + "/all");
      String unit = method.equals("getFeature") ? "calls/s" : "features/s";
      System.out.printf(Locale.ROOT,
          "| %s | %,.0f %s ± %s | %,.0f %s ± %s | %s | %,.0f %s ± %s | %s |%n",
          method.equals("getFeature") ? "GetFeature" : "ListFeatures, 64 features",
          off, unit, percent(errors, method + "/off", off),
          domain, unit, percent(errors, method + "/domain", domain), ratio(domain / off),
          all, unit, percent(errors, method + "/all", all), ratio(all / off));
    }
    System.out.printf(Locale.ROOT, "Target: ≥ %.2f of the throughput without metrics.%n", TARGET);
  }

  /** JMH's 99.9% confidence half-width as a share of the score. */
  private static String percent(Map<String, Double> errors, String key, double score) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * errors.get(key) / score);
  }

  private static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.3f%s", ratio, ratio >= TARGET ? "" : " (below target)");
  }
}
