package dev.routeguide.redis.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link RedisRouteChatBenchmark} for both boards in one JMH run and prints notes per second
 * and the ratio of the Redis board to the in-memory board for 1 and 16 sessions. Argument: {@code
 * full} (the recorded run) or {@code quick} (a smoke test of the set-up).
 */
public final class RedisBenchmarkReport {

  private RedisBenchmarkReport() {}

  /** Runs the benchmark and prints the table. */
  public static void main(String[] args) throws RunnerException {
    boolean quick = args.length > 0 && args[0].equals("quick");
    Options options = new OptionsBuilder()
        .include(RedisRouteChatBenchmark.class.getName())
        .forks(1)
        .warmupIterations(quick ? 1 : 5)
        .warmupTime(TimeValue.seconds(quick ? 2 : 5))
        .measurementIterations(quick ? 2 : 5)
        .measurementTime(TimeValue.seconds(quick ? 2 : 5))
        .jvmArgs("-Xmx1g")
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> notesPerSecond = new LinkedHashMap<>();
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark();
      String key = method.substring(method.lastIndexOf('.') + 1) + "/"
          + result.getParams().getParam("board");
      notesPerSecond.put(key, result.getSecondaryResults().get("notes").getScore());
    }
    System.out.println();
    System.out.println("| sessions | in-memory notes/s | Redis notes/s | Redis / in-memory |");
    System.out.println("|---|---|---|---|");
    for (String sessions : new String[] {"oneSession", "sixteenSessions"}) {
      double memory = notesPerSecond.getOrDefault(sessions + "/memory", Double.NaN);
      double redis = notesPerSecond.getOrDefault(sessions + "/redis", Double.NaN);
      System.out.printf("| %s | %,.0f | %,.0f | %.2fx |%n",
          sessions.equals("oneSession") ? "1" : "16", memory, redis, redis / memory);
    }
  }
}
