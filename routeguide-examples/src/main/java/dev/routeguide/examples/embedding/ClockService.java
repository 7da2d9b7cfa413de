package dev.routeguide.examples.embedding;

import dev.routeguide.examples.clock.ClockGrpc;
import dev.routeguide.examples.clock.NowReply;
import dev.routeguide.examples.clock.NowRequest;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.Objects;

/**
 * A small service of the host application's own: tells the time.
 *
 * @since 0.1.0
 */
public final class ClockService extends ClockGrpc.ClockImplBase {

  private final Clock clock;

  /** A service that reads the given clock. */
  public ClockService(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void now(NowRequest request, StreamObserver<NowReply> responseObserver) {
    responseObserver.onNext(NowReply.newBuilder().setInstant(clock.instant().toString()).build());
    responseObserver.onCompleted();
  }
}
