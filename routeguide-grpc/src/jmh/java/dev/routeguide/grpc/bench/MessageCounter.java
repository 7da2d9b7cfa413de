package dev.routeguide.grpc.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the streamed messages of a streaming benchmark, which JMH then reports as the secondary
 * result {@code messages}, in messages per second summed over threads.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class MessageCounter {

  /** Messages streamed in this iteration by this thread. */
  public long messages;

  /** Starts each iteration from zero. */
  @Setup(Level.Iteration)
  public void reset() {
    messages = 0;
  }
}
