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
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.StackProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the end-to-end benchmarks in one go, for both transports, and prints Markdown tables. Each
 * part goes to {@code target/<block>-report.md} and, if a path is given, into that file's
 * generated block of the same name:
 *
 * <ul>
 *   <li>{@code speed} ("end-to-end speed"): each RPC's score for the floor, the one-at-a-time
 *       no-op, the reference-style service and ours (plain stub and typed client), with the
 *       ratios against the performance targets;
 *   <li>{@code executors} ("end-to-end executors"): ours on the default executor against the
 *       direct executor, every RPC;
 *   <li>{@code windows} ("end-to-end inbound windows"): the floor's client streams for a range of
 *       inbound windows, and ours;
 *   <li>{@code profiles} ("end-to-end profiles"): ours on every RPC under JMH's stack profiler;
 *   <li>{@code unary} ("end-to-end unary set-up"): the no-op GetFeature on a bare gRPC server and
 *       on {@code RouteGuideServer}, each with the default and the direct executor.
 * </ul>
 *
 * <p>Usage: {@code EndToEndReport [full|quick] [BENCHMARKS.md] [speed,executors,windows,profiles,unary]
 * [include] [forks]}. {@code full} (the default) uses 1 fork per benchmark (or {@code forks},
 * whose iterations JMH pools into one score), 1 s iterations: 2 of warm-up
 * in-process and 5 over Netty, then 3 of measurement (5 of 2 s for RouteChat's rows, which swing
 * most from one iteration to the next); {@code quick} is a smoke test of the set-up
 * whose numbers mean nothing. The parts default to {@code speed}. {@code include}, a regular
 * expression, runs only the benchmarks whose name ({@code RouteChatBenchmark.sixteenSessions})
 * it finds a match in; such a run writes its reports to {@code target/} only.
 *
 * <p>A benchmark that fails (JMH prints why) leaves its rows empty: the run goes on with the
 * others, writes each part's report with the rows it has to {@code target/} but not into the
 * Markdown file, and then fails, naming every benchmark and parameter set that gave no result.
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
        0.9, 0.9, 100),
    GET_FEATURE_8("GetFeature, 8 callers", "GetFeatureBenchmark.eightCallers", false, "calls/s",
        0.9, 0.9, 100),
    LIST_SMALL("ListFeatures, ~1,000-feature box", "ListFeaturesBenchmark.smallBox", true,
        "features/s", 0.9, 0.8, 100),
    LIST_ALL("ListFeatures, whole catalogue", "ListFeaturesBenchmark.wholeCatalogue", true,
        "features/s", 0.9, 0.8, 0),
    RECORD("RecordRoute, 100,000 points", "RecordRouteBenchmark.route", true, "points/s",
        0.8, 0.8, 0),
    RECORD_TYPED("RecordRoute, 100,000 points, typed client", "RecordRouteBenchmark.typedClient",
        true, "points/s", 0.8, 0.8, 0),
    CHAT_1("RouteChat, 1 session", "RouteChatBenchmark.oneSession", true, "notes/s", 0.8, 0.8, 0),
    CHAT_1_TYPED("RouteChat, 1 session, typed client", "RouteChatBenchmark.typedClientOneSession",
        true, "notes/s", 0.8, 0.8, 0),
    CHAT_16("RouteChat, 16 sessions", "RouteChatBenchmark.sixteenSessions", true, "notes/s",
        0.9, 0.8, 0);

    final String label;
    final String benchmark;
    final boolean counted;
    final String unit;
    private final double inProcessFloorTarget;
    private final double nettyFloorTarget;
    final double referenceTarget;

    Row(String label, String benchmark, boolean counted, String unit, double inProcessFloorTarget,
        double nettyFloorTarget, double referenceTarget) {
      this.label = label;
      this.benchmark = benchmark;
      this.counted = counted;
      this.unit = unit;
      this.inProcessFloorTarget = inProcessFloorTarget;
      this.nettyFloorTarget = nettyFloorTarget;
      this.referenceTarget = referenceTarget;
    }

    /**
     * Issue 13's ours ÷ floor target on the transport: 0.9 for GetFeature, and in process also for
     * ListFeatures and 16 RouteChat sessions; 0.8 for the other streaming rows.
     */
    double floorTarget(Transport transport) {
      return transport == Transport.IN_PROCESS ? inProcessFloorTarget : nettyFloorTarget;
    }

    /** The row whose floor and baselines this row is compared with: a typed-client row's stub row. */
    Row baseline() {
      return switch (this) {
        case RECORD_TYPED -> RECORD;
        case CHAT_1_TYPED -> CHAT_1;
        default -> this;
      };
    }

    /** Whether the client streams to the server, so that the inbound window matters. */
    boolean clientStreams() {
      return baseline() == RECORD || baseline() == CHAT_1 || this == CHAT_16;
    }

    /** Whether the row is measured with the library's typed client rather than the plain stub. */
    boolean typed() {
      return baseline() != this;
    }

    /**
     * Whether the row is measured longer: RouteChat's scores swing most between iterations (a
     * thread hand-off per batch of notes, and 16 sessions on 2 cores), by ±44% over 3 × 1 s.
     */
    boolean measuredLonger() {
      return baseline() == CHAT_1 || this == CHAT_16;
    }
  }

  /** The parts of the report: a JMH run and the generated block it writes. */
  enum Part {
    /** Every RPC for the floors, the reference-style service and ours. */
    SPEED("end-to-end speed"),
    /** Ours on the ready-made server's default executor and on the direct one, every RPC. */
    EXECUTORS("end-to-end executors"),
    /** The floor's RecordRoute and RouteChat for a range of inbound windows, and ours. */
    WINDOWS("end-to-end inbound windows"),
    /** Ours on every RPC under JMH's stack profiler: where a missed target's time goes. */
    PROFILES("end-to-end profiles"),
    /** A no-op unary call on a bare gRPC server and on the ready-made one, both executors. */
    UNARY("end-to-end unary set-up");

    final String block;

    Part(String block) {
      this.block = block;
    }
  }

  /**
   * The floor's inbound window on a transport, in the speed and executor parts: the best one the
   * window part measured (in process, throughput still grows up to 1024; over Netty it is flat
   * from 64 on and best around 256).
   */
  static int floorWindow(Transport transport) {
    return transport == Transport.IN_PROCESS ? 1024 : 256;
  }

  /** The floor's inbound windows the window part measures (1 is gRPC's one at a time). */
  static final List<Integer> WINDOWS = List.of(16, 32, 64, 128, 256, 1024);

  /** Route length for the reference-style RecordRoute on 1,000,000 features (see the report). */
  static final int REFERENCE_ROUTE_ON_1M = 100;

  private record Key(Transport transport, Service service, Database database, Row row,
      ServerExecutor executor, int floorWindow) {
    Key(Transport transport, Service service, Database database, Row row) {
      this(transport, service, database, row, ServerExecutor.DEFAULT,
          EndToEndReport.floorWindow(transport));
    }
  }

  /** A score and the standard deviation of its measurement iterations. */
  private record Score(double value, double deviation) {
    double relativeDeviation() {
      return deviation / value;
    }
  }

  /**
   * How benchmarks are run in this report: their timing, which of them, and the trials that gave
   * no result (a benchmark that throws ends its trial, and JMH goes on with the next).
   */
  private static final class Trials {
    final boolean quick;
    final Pattern include;
    /** JMH forks per benchmark: their iterations are pooled into one score and deviation. */
    final int forks;
    final List<String> failed = new ArrayList<>();

    Trials(boolean quick, Pattern include, int forks) {
      if (forks < 1) {
        throw new IllegalArgumentException("benchmarks.forks must be at least 1, got " + forks);
      }
      this.quick = quick;
      this.include = include;
      this.forks = forks;
    }

    boolean includes(String benchmark) {
      return include.matcher(benchmark).find();
    }

    /**
     * Runs the benchmark with every combination of {@code params} (set on {@code options}, with
     * JMH's own defaults for the rest) and records each combination that gave no result.
     */
    List<RunResult> run(String benchmark, ChainedOptionsBuilder options,
        Map<String, List<String>> params) throws RunnerException {
      if (!includes(benchmark)) {
        return List.of();
      }
      List<RunResult> results = new ArrayList<>(new Runner(options.build()).run());
      for (Map<String, String> combination : combinations(params)) {
        boolean measured = results.stream().anyMatch(result ->
            combination.entrySet().stream().allMatch(param ->
                param.getValue().equals(result.getParams().getParam(param.getKey()))));
        if (!measured) {
          failed.add(benchmark + " " + combination);
        }
      }
      return results;
    }

    private static List<Map<String, String>> combinations(Map<String, List<String>> params) {
      List<Map<String, String>> combinations = List.of(Map.of());
      for (Map.Entry<String, List<String>> param : params.entrySet()) {
        List<Map<String, String>> longer = new ArrayList<>();
        for (Map<String, String> combination : combinations) {
          for (String value : param.getValue()) {
            Map<String, String> next = new java.util.TreeMap<>(combination);
            next.put(param.getKey(), value);
            longer.add(next);
          }
        }
        combinations = longer;
      }
      return combinations;
    }
  }

  private EndToEndReport() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws RunnerException, IOException {
    boolean quick = args.length > 0 && args[0].equals("quick");
    Path markdown = args.length > 1 ? Path.of(args[1]) : null;
    List<Part> parts = new ArrayList<>();
    for (String part : (args.length > 2 ? args[2] : "speed").split(",")) {
      parts.add(Part.valueOf(part.strip().toUpperCase(Locale.ROOT)));
    }
    String include = args.length > 3 && !args[3].isBlank() ? args[3] : ".*";
    int forks = args.length > 4 && !args[4].isBlank() ? forks(args[4]) : 1;
    Trials trials = new Trials(quick, Pattern.compile(include), forks);
    boolean everything = include.equals(".*");
    for (Part part : parts) {
      String started = ReportFile.environment();
      long start = System.nanoTime();
      int failedBefore = trials.failed.size();
      Map<Key, Score> scores = new HashMap<>();
      Map<String, String> profiles = new java.util.LinkedHashMap<>();
      Map<String, Score> setUps = new HashMap<>();
      switch (part) {
        case SPEED -> runSpeed(trials, scores);
        case EXECUTORS -> runExecutors(trials, scores);
        case WINDOWS -> runWindows(trials, scores);
        case PROFILES -> runProfiles(trials, profiles);
        case UNARY -> runUnarySetUps(trials, setUps);
      }
      double minutes = (System.nanoTime() - start) / 60e9;
      String report = switch (part) {
        case SPEED -> report(scores, started, trials, minutes);
        case EXECUTORS -> executorReport(scores, started, trials, minutes);
        case WINDOWS -> windowReport(scores, started, trials, minutes);
        case PROFILES -> profileReport(profiles, started, trials, minutes);
        case UNARY -> unarySetUpReport(setUps, started, trials, minutes);
      };
      boolean complete = trials.failed.size() == failedBefore;
      if (!complete) {
        report += "\n**Incomplete**: no result from "
            + String.join("; ", trials.failed.subList(failedBefore, trials.failed.size()))
            + ".\n";
      }
      System.out.println();
      System.out.println(report);
      Path out = Path.of("target", part.block.replace(' ', '-').replace(",", "") + "-report.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report, StandardCharsets.UTF_8);
      if (markdown != null && !quick && everything && complete) {
        ReportFile.writeBlock(markdown, part.block, report);
      } else if (markdown != null && !quick) {
        System.out.println("Not written into " + markdown + " (" + (complete
            ? "only benchmarks matching " + include : "some benchmarks failed")
            + "); the rows measured are in " + out);
      }
    }
    if (!trials.failed.isEmpty()) {
      throw new IllegalStateException(trials.failed.size() + " benchmark trials gave no result"
          + " (see JMH's output above for why): " + String.join("; ", trials.failed));
    }
  }

  private static int forks(String forks) {
    try {
      return Integer.parseInt(forks.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("benchmarks.forks must be a whole number, got '" + forks
          + "'", e);
    }
  }

  private static void runSpeed(Trials trials, Map<Key, Score> scores) throws RunnerException {
    List<Database> both = List.of(Database.CANONICAL, Database.RANDOM_1M);
    List<Database> big = List.of(Database.RANDOM_1M);
    List<Service> floorReferenceOurs = List.of(Service.FLOOR, Service.REFERENCE, Service.OURS);
    List<Service> floors = List.of(Service.FLOOR, Service.FLOOR_ONE_AT_A_TIME);
    for (Row row : List.of(Row.GET_FEATURE_1, Row.GET_FEATURE_8)) {
      run(trials, scores, row, List.of(Service.FLOOR), big, Map.of());
      run(trials, scores, row, List.of(Service.REFERENCE, Service.OURS), both, Map.of());
    }
    // Server streaming: the one-at-a-time floor would be the same service as the floor.
    run(trials, scores, Row.LIST_SMALL, floorReferenceOurs, big, Map.of());
    run(trials, scores, Row.LIST_ALL, floorReferenceOurs, both, Map.of());
    run(trials, scores, Row.RECORD, List.of(Service.FLOOR, Service.FLOOR_ONE_AT_A_TIME,
        Service.OURS), big, Map.of());
    run(trials, scores, Row.RECORD, List.of(Service.REFERENCE), big,
        Map.of("routeLength", String.valueOf(REFERENCE_ROUTE_ON_1M)));
    run(trials, scores, Row.RECORD_TYPED, List.of(Service.OURS), big, Map.of());
    for (Row row : List.of(Row.CHAT_1, Row.CHAT_16)) {
      List<Service> services = new ArrayList<>(floors);
      services.addAll(List.of(Service.REFERENCE, Service.OURS));
      run(trials, scores, row, services, big, Map.of());
    }
    run(trials, scores, Row.CHAT_1_TYPED, List.of(Service.OURS), big, Map.of());
  }

  private static void runExecutors(Trials trials, Map<Key, Score> scores)
      throws RunnerException {
    for (Row row : Row.values()) {
      if (!row.typed()) {
        run(trials, scores, row, List.of(Service.OURS), List.of(Database.RANDOM_1M),
            Map.of("executor", "DEFAULT,DIRECT"));
      }
    }
  }

  private static void runWindows(Trials trials, Map<Key, Score> scores) throws RunnerException {
    String windows = String.join(",", WINDOWS.stream().map(String::valueOf).toList());
    for (Row row : List.of(Row.RECORD, Row.CHAT_1)) {
      run(trials, scores, row, List.of(Service.FLOOR), List.of(Database.RANDOM_1M),
          Map.of("floorWindow", windows));
      run(trials, scores, row, List.of(Service.FLOOR_ONE_AT_A_TIME, Service.OURS),
          List.of(Database.RANDOM_1M), Map.of());
    }
  }

  /** The no-op GetFeature for every server kind and executor, one trial each, per transport. */
  private static void runUnarySetUps(Trials trials, Map<String, Score> scores)
      throws RunnerException {
    for (Transport transport : Transport.values()) {
      Map<String, List<String>> params = Map.of(
          "transport", List.of(transport.name()),
          "server", List.of(names(UnarySetUpBenchmark.ServerKind.values())),
          "executor", List.of(names(ServerExecutor.values())));
      ChainedOptionsBuilder options = new OptionsBuilder()
          .include(UnarySetUpBenchmark.class.getName().replace(".", "\\.") + "\\.oneCaller$")
          .jvmArgs("-Xms512m", "-Xmx512m");
      params.forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
      timing(options, trials, transport, false);
      for (RunResult result : trials.run("UnarySetUpBenchmark.oneCaller", options, params)) {
        Result<?> score = result.getPrimaryResult();
        scores.put(unaryKey(Transport.valueOf(result.getParams().getParam("transport")),
                UnarySetUpBenchmark.ServerKind.valueOf(result.getParams().getParam("server")),
                ServerExecutor.valueOf(result.getParams().getParam("executor"))),
            new Score(score.getScore(), score.getStatistics().getStandardDeviation()));
      }
    }
  }

  private static String unaryKey(Transport transport, UnarySetUpBenchmark.ServerKind server,
      ServerExecutor executor) {
    return transport + " " + server + " " + executor;
  }

  private static String unarySetUpReport(Map<String, Score> scores, String started,
      Trials trials, double minutes) {
    StringBuilder out = new StringBuilder(header(started, trials, minutes));
    out.append("The floor's no-op GetFeature, 1 blocking caller (the stub runs the response on "
        + "the caller's thread), served by a bare `InProcessServerBuilder` / `NettyServerBuilder` "
        + "and by `RouteGuideServer` with its default transport limits, each on its default "
        + "executor (gRPC's shared cached pool for the bare builders, `TurnExecutor.shared()` for "
        + "`RouteGuideServer`) and with `directExecutor()`.\n\n");
    out.append("| transport | server | default executor | direct executor | unit "
        + "| direct ÷ default |\n");
    out.append("|---|---|---:|---:|---|---:|\n");
    for (Transport transport : Transport.values()) {
      for (UnarySetUpBenchmark.ServerKind server : UnarySetUpBenchmark.ServerKind.values()) {
        Score pooled = scores.get(unaryKey(transport, server, ServerExecutor.DEFAULT));
        Score direct = scores.get(unaryKey(transport, server, ServerExecutor.DIRECT));
        out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | calls/s | %s |%n",
            transport == Transport.NETTY ? "Netty" : "in-process",
            server == UnarySetUpBenchmark.ServerKind.BARE ? "bare gRPC" : "`RouteGuideServer`",
            format(pooled), format(direct),
            pooled == null || direct == null ? "n/a"
                : String.format(Locale.ROOT, "%.2f×", direct.value / pooled.value)));
      }
    }
    Score bare = scores.get(unaryKey(Transport.NETTY, UnarySetUpBenchmark.ServerKind.BARE,
        ServerExecutor.DEFAULT));
    Score ours = scores.get(unaryKey(Transport.NETTY, UnarySetUpBenchmark.ServerKind.READY_MADE,
        ServerExecutor.DEFAULT));
    if (bare != null && ours != null) {
      out.append(String.format(Locale.ROOT, "%nOver Netty on the default executor, "
          + "`RouteGuideServer` ÷ bare gRPC = %.2f×.%n", ours.value / bare.value));
    }
    return out.toString();
  }

  /** Ours on 1M features, each RPC and transport, with JMH's stack profiler. */
  private static void runProfiles(Trials trials, Map<String, String> profiles)
      throws RunnerException {
    for (Transport transport : Transport.values()) {
      for (Row row : Row.values()) {
        Map<String, List<String>> params = params(transport, List.of(Service.OURS),
            List.of(Database.RANDOM_1M), Map.of());
        ChainedOptionsBuilder options = options(trials, row, transport, params)
            .addProfiler(StackProfiler.class, "lines=2;top=12;period=5");
        for (RunResult result : trials.run(row.benchmark, options, params)) {
          Result<?> stack = result.getSecondaryResults().get("stack");
          profiles.put(transport + " " + row.label,
              stack == null ? "(no stack profile)" : runnable(stack.extendedInfo()));
        }
      }
    }
  }

  /** The RUNNABLE part of a stack profile: what the threads were computing. */
  private static String runnable(String profile) {
    int from = profile.indexOf("....[Thread state: RUNNABLE]");
    if (from < 0) {
      return profile.strip();
    }
    int to = profile.indexOf("....[Thread state:", from + 1);
    return profile.substring(from, to < 0 ? profile.length() : to).strip();
  }

  private static String profileReport(Map<String, String> profiles, String started,
      Trials trials, double minutes) {
    StringBuilder out = new StringBuilder(header(started, trials, minutes));
    out.append("JMH's stack profiler (`-prof stack`, every 5 ms, top 12 two-frame stacks of "
        + "RUNNABLE threads: the JMH caller, gRPC's and Netty's threads, ours) on our service "
        + "over 1,000,000 features, one trial per RPC and transport.\n");
    profiles.forEach((name, profile) ->
        out.append("\n**").append(name).append("**\n\n```\n").append(profile).append("\n```\n"));
    return out.toString();
  }

  private static void run(Trials trials, Map<Key, Score> scores, Row row, List<Service> services,
      List<Database> databases, Map<String, String> params) throws RunnerException {
    for (Transport transport : Transport.values()) {
      run(trials, scores, row, transport, services, databases, params);
    }
  }

  private static void run(Trials trials, Map<Key, Score> scores, Row row, Transport transport,
      List<Service> services, List<Database> databases, Map<String, String> extraParams)
      throws RunnerException {
    Map<String, List<String>> params = params(transport, services, databases, extraParams);
    ChainedOptionsBuilder options = options(trials, row, transport, params);
    for (RunResult result : trials.run(row.benchmark, options, params)) {
      Result<?> score =
          row.counted ? result.getSecondaryResults().get("messages") : result.getPrimaryResult();
      Key key =
          new Key(
              Transport.valueOf(result.getParams().getParam("transport")),
              Service.valueOf(result.getParams().getParam("service")),
              Database.valueOf(result.getParams().getParam("database")),
              row,
              ServerExecutor.valueOf(result.getParams().getParam("executor")),
              Integer.parseInt(result.getParams().getParam("floorWindow")));
      scores.put(key, new Score(score.getScore(), score.getStatistics().getStandardDeviation()));
    }
  }

  /**
   * The JMH parameters of a trial: the transport, services and databases, the floor's window and
   * the executor for the transport unless {@code extra} (comma-separated values) says otherwise.
   */
  private static Map<String, List<String>> params(Transport transport, List<Service> services,
      List<Database> databases, Map<String, String> extra) {
    Map<String, List<String>> params = new java.util.LinkedHashMap<>();
    params.put("transport", List.of(transport.name()));
    params.put("service", List.of(names(services.toArray(Enum[]::new))));
    params.put("database", List.of(names(databases.toArray(Enum[]::new))));
    params.put("floorWindow", List.of(String.valueOf(floorWindow(transport))));
    params.put("executor", List.of(ServerExecutor.DEFAULT.name()));
    extra.forEach((name, values) -> params.put(name, List.of(values.split(","))));
    return params;
  }

  private static ChainedOptionsBuilder options(Trials trials, Row row, Transport transport,
      Map<String, List<String>> params) {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(EndToEndReport.class.getPackageName().replace(".", "\\.") + "\\."
                + row.benchmark.replace(".", "\\.") + "$")
            .jvmArgs("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch");
    // JMH adds to a parameter's values rather than replacing them: set each one once.
    params.forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
    timing(options, trials, transport, row.measuredLonger());
    return options;
  }

  /**
   * Sets the forks, warm-up and measurement iterations of a run on the transport: 3 × 1 s of
   * measurement, or 5 × 2 s if {@code longer}.
   */
  private static void timing(ChainedOptionsBuilder options, Trials trials, Transport transport,
      boolean longer) {
    options.forks(trials.forks);
    if (trials.quick) {
      options.warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
          .measurementIterations(1).measurementTime(TimeValue.milliseconds(300));
    } else {
      options.warmupIterations(warmupSeconds(transport)).warmupTime(TimeValue.seconds(1))
          .measurementIterations(longer ? 5 : 3).measurementTime(TimeValue.seconds(longer ? 2 : 1));
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

  /** The report's first line: {@code started}, the machine when the part began, and the run. */
  private static String header(String started, Trials trials, double minutes) {
    return started + String.format(Locale.ROOT,
        " JMH %s per benchmark, %s; whole run %.1f min.%n%n",
        trials.forks == 1 ? "1 fork" : trials.forks + " forks",
        trials.quick ? "QUICK SMOKE TEST (numbers mean nothing)"
            : String.format(Locale.ROOT, "%d × 1 s warm-up in-process and %d × 1 s over Netty, "
                + "3 × 1 s measurement (RouteChat: 5 × 2 s)", warmupSeconds(Transport.IN_PROCESS),
                warmupSeconds(Transport.NETTY)),
        minutes);
  }

  private static String transportHeading(Transport transport) {
    return "**" + (transport == Transport.NETTY ? "Netty, TCP on loopback" : "In-process transport")
        + "**\n\n";
  }

  private static String report(Map<Key, Score> scores, String started, Trials trials,
      double minutes) {
    StringBuilder out = new StringBuilder(header(started, trials, minutes));
    List<String> verdicts = new ArrayList<>();
    for (Transport transport : Transport.values()) {
      out.append(transportHeading(transport));
      out.append("| RPC | database | floor (no-op, window " + floorWindow(transport) + ") "
          + "| one-at-a-time no-op | reference-style | ours | unit "
          + "| ours ÷ floor | ours ÷ one-at-a-time | ours ÷ reference | floor ÷ reference |\n");
      out.append("|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
      for (Row row : Row.values()) {
        for (Database database : List.of(Database.CANONICAL, Database.RANDOM_1M)) {
          Score ours = scores.get(new Key(transport, Service.OURS, database, row));
          if (ours == null) {
            continue;
          }
          Row base = row.baseline();
          Score floor = find(scores, transport, Service.FLOOR, database, base);
          Score oneAtATime = find(scores, transport, Service.FLOOR_ONE_AT_A_TIME, database, base);
          Score reference = row.typed() ? null
              : find(scores, transport, Service.REFERENCE, database, base);
          boolean targeted = database == Database.RANDOM_1M;
          String floorRatio = ratio(ours, floor, targeted ? row.floorTarget(transport) : 0,
              verdicts, transport, row, "floor");
          String oneAtATimeRatio = ratio(ours, oneAtATime, 0, verdicts, transport, row, "");
          String referenceRatio = ratio(ours, reference, targeted ? row.referenceTarget : 0,
              verdicts, transport, row, "reference");
          String ceiling = floor == null || reference == null ? "–"
              : ratio(floor, reference, 0, verdicts, transport, row, "reference");
          out.append(String.format(Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              row.label, database == Database.CANONICAL ? "canonical 100" : "random 1M",
              format(floor), format(oneAtATime),
              format(reference)
                  + (row == Row.RECORD && database == Database.RANDOM_1M
                      ? " (" + REFERENCE_ROUTE_ON_1M + "-point route)" : ""),
              format(ours), row.unit, floorRatio, oneAtATimeRatio,
              referenceRatio, ceiling));
        }
      }
      out.append('\n');
    }
    out.append("Targets (1M features): ours ÷ floor ≥ 0.9 for GetFeature on both transports and, "
        + "in process, for ListFeatures and RouteChat with 16 sessions; ≥ 0.8 for the other "
        + "streaming rows (with the plain stub client and with the typed client); ours ÷ reference "
        + "≥ 100 for GetFeature and the small box. The floor reads client streams with "
        + floorWindow(Transport.IN_PROCESS) + " messages requested ahead in process and "
        + floorWindow(Transport.NETTY) + " over Netty; the one-at-a-time no-op is the same service with gRPC's "
        + "default of one message per request, shown only where the client streams (for the other "
        + "RPCs it would be the floor itself). Typed-client rows call our service through "
        + "`RouteGuideClient` and are compared with the stub rows' floors. Each score is the mean "
        + "of the measurement iterations ± their standard deviation; **bold** marks a missed "
        + "target. Floor ÷ reference is the most any server could reach over the reference-style "
        + "one on this transport: a server that costs nothing still pays the floor.\n");
    if (!verdicts.isEmpty()) {
      out.append("\nMissed: ").append(String.join("; ", verdicts)).append(".\n");
    }
    return out.toString();
  }

  private static String executorReport(Map<Key, Score> scores, String started, Trials trials,
      double minutes) {
    StringBuilder out = new StringBuilder(header(started, trials, minutes));
    out.append("Our service on 1,000,000 features, served by `RouteGuideServer` with its "
        + "default executor (`TurnExecutor.shared()`, a cached thread pool whose tasks end by "
        + "writing the RouteChat replies held during them) and with `directExecutor()` (service "
        + "code on the transport's threads); the client uses gRPC's default executor, except in "
        + "process with a direct server, where its channel is direct too (the in-process "
        + "transport runs a direct server's callbacks on the client's threads).\n\n");
    out.append("| RPC | transport | default executor | direct executor | unit | direct ÷ default |\n");
    out.append("|---|---|---:|---:|---|---:|\n");
    for (Transport transport : Transport.values()) {
      for (Row row : Row.values()) {
        Score pooled = scores.get(new Key(transport, Service.OURS, Database.RANDOM_1M, row,
            ServerExecutor.DEFAULT, floorWindow(transport)));
        Score direct = scores.get(new Key(transport, Service.OURS, Database.RANDOM_1M, row,
            ServerExecutor.DIRECT, floorWindow(transport)));
        if (pooled == null && direct == null) {
          continue;
        }
        out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", row.label,
            transport == Transport.NETTY ? "Netty" : "in-process", format(pooled), format(direct),
            row.unit, direct == null ? "n/a"
                : ratio(direct, pooled, 0, new ArrayList<>(), transport, row, "")));
      }
    }
    return out.toString();
  }

  private static String windowReport(Map<Key, Score> scores, String started, Trials trials,
      double minutes) {
    StringBuilder out = new StringBuilder(header(started, trials, minutes));
    out.append("The floor's RecordRoute (100,000 points a call) and RouteChat (1 session, 1,000 "
        + "notes a call) on the 1M-feature server, with N messages requested ahead and topped up "
        + "by N/2; \"1\" is gRPC's default of one message per request (the one-at-a-time "
        + "no-op). \"ours\" is our service as built, with its own window.\n\n");
    out.append("| RPC | transport | 1");
    for (int window : WINDOWS) {
      out.append(" | ").append(window);
    }
    out.append(" | ours | unit |\n|---|---|---:");
    out.append("|---:".repeat(WINDOWS.size())).append("|---:|---|\n");
    for (Row row : List.of(Row.RECORD, Row.CHAT_1)) {
      for (Transport transport : Transport.values()) {
        out.append("| ").append(row.label).append(" | ")
            .append(transport == Transport.NETTY ? "Netty" : "in-process").append(" | ")
            .append(format(scores.get(new Key(transport, Service.FLOOR_ONE_AT_A_TIME,
                Database.RANDOM_1M, row))));
        for (int window : WINDOWS) {
          out.append(" | ").append(format(scores.get(new Key(transport, Service.FLOOR,
              Database.RANDOM_1M, row, ServerExecutor.DEFAULT, window))));
        }
        out.append(" | ").append(format(scores.get(new Key(transport, Service.OURS,
            Database.RANDOM_1M, row)))).append(" | ").append(row.unit).append(" |\n");
      }
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
