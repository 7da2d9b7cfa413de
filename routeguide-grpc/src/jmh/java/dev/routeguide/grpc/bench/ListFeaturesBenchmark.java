package dev.routeguide.grpc.bench;

import dev.routeguide.grpc.proto.Rectangle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ListFeatures, one query at a time, for a box of about 1,000 results and for the whole
 * catalogue. The primary score is queries per second; the {@code messages} counter gives features
 * per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ListFeaturesBenchmark {

  /** The two requests, as the called service expects them. */
  @State(Scope.Benchmark)
  public static class Requests {
    Rectangle smallBox;
    Rectangle wholeCatalogue;

    /** Builds the requests once per trial. */
    @Setup(Level.Trial)
    public void prepare(EndToEnd e2e) {
      smallBox = e2e.listRequest(EndToEnd.SMALL_BOX);
      wholeCatalogue = e2e.listRequest(EndToEnd.WHOLE_WORLD);
    }
  }

  /** The features in a 0.0387° square: about 1,000 of the 1,000,000 random features. */
  @Benchmark
  public long smallBox(EndToEnd e2e, Requests requests, MessageCounter counter) {
    return list(e2e, requests.smallBox, counter);
  }

  /** Every feature in the catalogue. */
  @Benchmark
  public long wholeCatalogue(EndToEnd e2e, Requests requests, MessageCounter counter) {
    return list(e2e, requests.wholeCatalogue, counter);
  }

  private static long list(EndToEnd e2e, Rectangle request, MessageCounter counter) {
    long features = Calls.serverStreaming(e2e.channel(), e2e.methods.listFeatures(), request);
    counter.messages += features;
    return features;
  }
}
