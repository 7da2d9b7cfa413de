package dev.routeguide.grpc.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the end-to-end benchmarks in one go, for both transports, and prints each RPC's score for
 * the floor, the reference-style service and ours, with the ratios ours ÷ floor and ours ÷
 * reference against the performance targets. The Markdown goes to {@code
 * target/end-to-end-report.md} and, if a path is given, into that file's generated block.
 *
 * <p>Usage: {@code EndToEndReport [full|quick] [BENCHMARKS.md]}. {@code full} (the default) uses
 * 1 fork per benchmark, 1 s iterations: 2 of warm-up in-process and 5 over Netty, then 3 of
 * measurement; {@code quick} is a smoke test of the set-up whose numbers mean nothing.
 *
 * <p>Only what varies is run: the floor does not look at the database, so its unary, RecordRoute
 * and RouteChat scores come from one trial on the 1,000,000-feature server and serve as the floor
 * for both databases; likewise the reference-style RouteChat. The floor's ListFeatures streams as
 * many features as the real query returns, so it runs once per database.
 */
public final class EndToEndReport {

  /** What the report shows for each RPC, and where the score comes from. */
  enum Row {
    GET_FEATURE_1("GetFeature, 1 caller", "GetFeatureBenchmark.oneCaller", false, "calls/s",
        0.9, 100),
    GET_FEATURE_8("GetFeature, 8 callers", "GetFeatureBenchmark.eightCallers", false, "calls/s",
        0.9, 100),
    LIST_SMALL("ListFeatures, ~1,000-feature box", "ListFeaturesBenchmark.smallBox", true,
        "features/s", 0.8, 100),
    LIST_ALL("ListFeatures, whole catalogue", "ListFeaturesBenchmark.wholeCatalogue", true,
        "features/s", 0.8, 0),
    RECORD("RecordRoute, 100,000 points", "RecordRouteBenchmark.route", true, "points/s", 0.8, 0),
    CHAT_1("RouteChat, 1 session", "RouteChatBenchmark.oneSession", true, "notes/s", 0.8, 0),
    CHAT_16("RouteChat, 16 sessions", "RouteChatBenchmark.sixteenSessions", true, "notes/s", 0.8,
        0);

    final String label;
    final String benchmark;
    final boolean counted;
    final String unit;
    final double floorTarget;
    final double referenceTarget;

    Row(String label, String benchmark, boolean counted, String unit, double floorTarget,
        double referenceTarget) {
      this.label = label;
      this.benchmark = benchmark;
      this.counted = counted;
      this.unit = unit;
      this.floorTarget = floorTarget;
      this.referenceTarget = referenceTarget;
    }
  }

  /** Route length for the reference-style RecordRoute on 1,000,000 features (see the report). */
  static final int REFERENCE_ROUTE_ON_1M = 100;

  private record Key(Transport transport, Service service, Database database, Row row) {}

  /** A score and the standard deviation of its measurement iterations. */
  private record Score(double value, double deviation) {
    double relativeDeviation() {
      return deviation / value;
    }
  }

  private EndToEndReport() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws RunnerException, IOException {
    boolean quick = args.length > 0 && args[0].equals("quick");
    Path markdown = args.length > 1 ? Path.of(args[1]) : null;
    long start = System.nanoTime();

    Map<Key, Score> scores = new HashMap<>();
    List<Database> both = List.of(Database.CANONICAL, Database.RANDOM_1M);
    List<Database> big = List.of(Database.RANDOM_1M);
    for (Row row : List.of(Row.GET_FEATURE_1, Row.GET_FEATURE_8)) {
      run(quick, scores, row, List.of(Service.FLOOR), big, Map.of());
      run(quick, scores, row, List.of(Service.REFERENCE, Service.OURS), both, Map.of());
    }
    run(quick, scores, Row.LIST_SMALL, Arrays.asList(Service.values()), big, Map.of());
    run(quick, scores, Row.LIST_ALL, Arrays.asList(Service.values()), both, Map.of());
    run(quick, scores, Row.RECORD, List.of(Service.FLOOR), big, Map.of());
    run(quick, scores, Row.RECORD, List.of(Service.OURS), both, Map.of());
    run(quick, scores, Row.RECORD, List.of(Service.REFERENCE), List.of(Database.CANONICAL),
        Map.of());
    run(quick, scores, Row.RECORD, List.of(Service.REFERENCE), big,
        Map.of("routeLength", String.valueOf(REFERENCE_ROUTE_ON_1M)));
    for (Row row : List.of(Row.CHAT_1, Row.CHAT_16)) {
      run(quick, scores, row, List.of(Service.FLOOR, Service.REFERENCE), big, Map.of());
      run(quick, scores, row, List.of(Service.OURS), both, Map.of());
    }

    String report = report(scores, quick, (System.nanoTime() - start) / 60e9);
    System.out.println();
    System.out.println(report);
    Path out = Path.of("target", "end-to-end-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    if (markdown != null && !quick) {
      ReportFile.writeBlock(markdown, "end-to-end speed", report);
    }
  }

  private static void run(boolean quick, Map<Key, Score> scores, Row row, List<Service> services,
      List<Database> databases, Map<String, String> params) throws RunnerException {
    for (Transport transport : Transport.values()) {
      run(quick, scores, row, transport, services, databases, params);
    }
  }

  private static void run(boolean quick, Map<Key, Score> scores, Row row, Transport transport,
      List<Service> services, List<Database> databases, Map<String, String> params)
      throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(EndToEndReport.class.getPackageName().replace(".", "\\.") + "\\."
                + row.benchmark.replace(".", "\\.") + "$")
            .forks(1)
            .jvmArgs("-Xms2g", "-Xmx2g")
            .param("transport", transport.name())
            .param("service", names(services.toArray(Enum[]::new)))
            .param("database", names(databases.toArray(Enum[]::new)));
    params.forEach(options::param);
    if (quick) {
      options.warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
          .measurementIterations(1).measurementTime(TimeValue.milliseconds(300));
    } else {
      options.warmupIterations(warmupSeconds(transport)).warmupTime(TimeValue.seconds(1))
          .measurementIterations(3).measurementTime(TimeValue.seconds(1));
    }
    for (RunResult result : new Runner(options.build()).run()) {
      Result<?> score =
          row.counted ? result.getSecondaryResults().get("messages") : result.getPrimaryResult();
      Key key =
          new Key(
              Transport.valueOf(result.getParams().getParam("transport")),
              Service.valueOf(result.getParams().getParam("service")),
              Database.valueOf(result.getParams().getParam("database")),
              row);
      scores.put(key, new Score(score.getScore(), score.getStatistics().getStandardDeviation()));
    }
  }

  /**
   * Netty's code paths take about 5 s of calls to reach steady speed on 2 cores (the JIT shares
   * them); the in-process transport is steady after 2 s.
   */
  static int warmupSeconds(Transport transport) {
    return transport == Transport.NETTY ? 5 : 2;
  }

  private static String[] names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
  }

  private static String report(Map<Key, Score> scores, boolean quick, double minutes) {
    StringBuilder out = new StringBuilder();
    out.append(ReportFile.environment()).append(String.format(Locale.ROOT,
        " JMH 1 fork per benchmark, %s; whole run %.1f min.%n%n",
        quick ? "QUICK SMOKE TEST (numbers mean nothing)"
            : String.format(Locale.ROOT, "%d × 1 s warm-up in-process and %d × 1 s over Netty, "
                + "3 × 1 s measurement", warmupSeconds(Transport.IN_PROCESS),
                warmupSeconds(Transport.NETTY)),
        minutes));
    List<String> verdicts = new ArrayList<>();
    for (Transport transport : Transport.values()) {
      out.append("**").append(transport == Transport.NETTY
          ? "Netty, TCP on loopback" : "In-process transport").append("**\n\n");
      out.append("| RPC | database | floor (no-op) | reference-style | ours | unit "
          + "| ours ÷ floor | ours ÷ reference | floor ÷ reference |\n");
      out.append("|---|---|---:|---:|---:|---|---:|---:|---:|\n");
      for (Row row : Row.values()) {
        for (Database database : List.of(Database.CANONICAL, Database.RANDOM_1M)) {
          Score ours = scores.get(new Key(transport, Service.OURS, database, row));
          if (ours == null) {
            continue;
          }
          Score floor = find(scores, transport, Service.FLOOR, database, row);
          Score reference = find(scores, transport, Service.REFERENCE, database, row);
          boolean targeted = database == Database.RANDOM_1M;
          String floorRatio = ratio(ours, floor, targeted ? row.floorTarget : 0, verdicts,
              transport, row, "floor");
          String referenceRatio = ratio(ours, reference, targeted ? row.referenceTarget : 0,
              verdicts, transport, row, "reference");
          String ceiling = floor == null ? "n/a" : ratio(floor, reference, 0, verdicts,
              transport, row, "reference");
          out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              row.label, database == Database.CANONICAL ? "canonical 100" : "random 1M",
              format(floor),
              format(reference)
                  + (row == Row.RECORD && database == Database.RANDOM_1M
                      ? " (" + REFERENCE_ROUTE_ON_1M + "-point route)" : ""),
              format(ours), row.unit, floorRatio,
              referenceRatio, ceiling));
        }
      }
      out.append('\n');
    }
    out.append("Targets (1M features): ours ÷ floor ≥ 0.9 for GetFeature, ≥ 0.8 for the streaming "
        + "RPCs; ours ÷ reference ≥ 100 for GetFeature and the small box. Each score is the mean of "
        + "the measurement iterations ± their standard deviation; **bold** marks a missed target. Floor ÷ reference is the "
        + "most any server could reach over the reference-style one on this transport: a server "
        + "that costs nothing still pays the floor.\n");
    if (!verdicts.isEmpty()) {
      out.append("\nMissed: ").append(String.join("; ", verdicts)).append(".\n");
    }
    return out.toString();
  }

  private static Score find(Map<Key, Score> scores, Transport transport, Service service,
      Database database, Row row) {
    Score score = scores.get(new Key(transport, service, database, row));
    return score != null ? score : scores.get(new Key(transport, service, Database.RANDOM_1M, row));
  }

  private static String ratio(Score ours, Score base, double target, List<String> missed,
      Transport transport, Row row, String baseName) {
    if (base == null) {
      return "n/a";
    }
    double ratio = ours.value / base.value;
    String text = ratio >= 10
        ? String.format(Locale.ROOT, "%,.0f×", ratio)
        : String.format(Locale.ROOT, "%.2f×", ratio);
    if (target > 0) {
      String goal = target >= 10
          ? String.format(Locale.ROOT, "%.0f", target) : String.format(Locale.ROOT, "%.1f", target);
      if (ratio >= target) {
        return text + " (≥ " + goal + " met)";
      }
      missed.add(transport + " " + row.label + " ÷ " + baseName + " = " + text + " < " + goal);
      return "**" + text + " (< " + goal + ")**";
    }
    return text;
  }

  private static String format(Score score) {
    if (score == null) {
      return "–";
    }
    String value = score.value >= 100
        ? String.format(Locale.ROOT, "%,.0f", score.value)
        : String.format(Locale.ROOT, "%.3g", score.value);
    if (Double.isNaN(score.deviation)) {
      return value;
    }
    return value + String.format(Locale.ROOT, " ± %.0f%%", 100 * score.relativeDeviation());
  }
}
