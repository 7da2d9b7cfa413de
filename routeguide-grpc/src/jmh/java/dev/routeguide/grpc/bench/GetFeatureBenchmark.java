package dev.routeguide.grpc.bench;

import dev.routeguide.grpc.proto.Feature;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * GetFeature calls per second, by one caller and by 8 concurrent callers, each a blocking unary
 * call. Requests alternate between the location of a known feature (a hit: the reference-style
 * scan stops there) and a random point (a miss: it scans the whole list), as the tutorial client's
 * two lookups do.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GetFeatureBenchmark {

  /** Each caller's position in the list of lookups. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  /** One caller. */
  @Benchmark
  @Threads(1)
  public Feature oneCaller(EndToEnd e2e, Cursor cursor) {
    return call(e2e, cursor);
  }

  /** Eight concurrent callers on one channel. */
  @Benchmark
  @Threads(8)
  public Feature eightCallers(EndToEnd e2e, Cursor cursor) {
    return call(e2e, cursor);
  }

  private static Feature call(EndToEnd e2e, Cursor cursor) {
    int i = cursor.next++ & (EndToEnd.LOOKUPS - 1);
    return Calls.unary(e2e.channel(), e2e.methods.getFeature(), e2e.lookups[i]);
  }
}
