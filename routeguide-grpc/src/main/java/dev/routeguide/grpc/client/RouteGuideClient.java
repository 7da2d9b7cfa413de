package dev.routeguide.grpc.client;

import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.route.RouteSummary;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@link RouteGuide} whose operations run on a RouteGuide server over gRPC: code written against
 * the interface works unchanged against a remote server.
 *
 * <pre>{@code
 * try (RouteGuideClient client = RouteGuideClient.connect("localhost:8980")) {
 *   Feature feature = client.withDeadline(Duration.ofSeconds(2))
 *       .getFeature(Point.ofE7(409146138, -746188906));
 * }
 * }</pre>
 *
 * <p>Every failure of a call, whether from a blocking method, a {@link FeatureStream}, a future or
 * a {@link NoteReceiver}, is a {@link RouteGuideStatusException} carrying the gRPC status code and
 * description; bad input rejected by the server has code {@code INVALID_ARGUMENT}. A {@code null}
 * location or area is rejected locally with {@link IllegalArgumentException}, as {@link
 * dev.routeguide.core.LocalRouteGuide} does.
 *
 * <p>Streams are flow-controlled: a {@link FeatureStream} asks the server for one feature at a
 * time, and {@link RouteRecording#send} and {@link RouteChat#send} block while the transport is not
 * ready for more, so neither side queues without limit.
 *
 * <p>Thread-safe; the handles it returns are for one thread at a time.
 *
 * @since 0.1.0
 */
public final class RouteGuideClient implements RouteGuide, AutoCloseable {

  private static final long SHUTDOWN_GRACE_SECONDS = 5;

  private final Channel channel;
  private final ManagedChannel ownedChannel;
  private final Duration deadline;

  private RouteGuideClient(Channel channel, ManagedChannel ownedChannel, Duration deadline) {
    this.channel = channel;
    this.ownedChannel = ownedChannel;
    this.deadline = deadline;
  }

  /**
   * A client over a channel that the caller keeps and shuts down; {@link #close()} leaves it open.
   *
   * @throws NullPointerException if channel is null
   */
  public static RouteGuideClient over(Channel channel) {
    return new RouteGuideClient(Objects.requireNonNull(channel, "channel"), null, null);
  }

  /**
   * A client that owns the channel: {@link #close()} shuts it down.
   *
   * @throws NullPointerException if channel is null
   */
  public static RouteGuideClient owning(ManagedChannel channel) {
    Objects.requireNonNull(channel, "channel");
    return new RouteGuideClient(channel, channel, null);
  }

  /**
   * A client over a new plaintext (no TLS) channel to the target, such as {@code "localhost:8980"}
   * or {@code "dns:///routes.example.com:443"}, which it owns and shuts down on {@link #close()}.
   *
   * @throws NullPointerException if target is null
   * @throws IllegalArgumentException if gRPC cannot parse the target
   */
  public static RouteGuideClient connect(String target) {
    Objects.requireNonNull(target, "target");
    return owning(Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build());
  }

  /**
   * A view of this client whose every call must end within the given time from its start; for a
   * stream, the time covers the whole stream. A call that runs out fails with {@code
   * DEADLINE_EXCEEDED}. The view shares this client's channel, and closing either closes it if it
   * is owned.
   *
   * @throws NullPointerException if perCall is null
   * @throws IllegalArgumentException if perCall is zero or negative
   */
  public RouteGuideClient withDeadline(Duration perCall) {
    Objects.requireNonNull(perCall, "perCall");
    if (perCall.isZero() || perCall.isNegative()) {
      throw new IllegalArgumentException("perCall must be positive, got " + perCall);
    }
    return new RouteGuideClient(channel, ownedChannel, perCall);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if location is null
   * @throws RouteGuideStatusException if the call fails
   */
  @Override
  public Feature getFeature(Point location) {
    dev.routeguide.grpc.proto.Point request = ProtoMapper.toProto(requireArgument(location, "location"));
    dev.routeguide.grpc.proto.Feature reply;
    try {
      reply =
          ClientCalls.blockingUnaryCall(
              channel, RouteGuideGrpc.getGetFeatureMethod(), callOptions(), request);
    } catch (StatusRuntimeException e) {
      throw RouteGuideStatusException.from(e);
    }
    try {
      return ProtoMapper.fromProto(reply);
    } catch (IllegalArgumentException e) {
      throw RouteGuideStatusException.invalidResponse(e);
    }
  }

  /**
   * Starts GetFeature without waiting. The future fails with {@link RouteGuideStatusException};
   * cancelling it cancels the call. It completes on a gRPC thread, so keep dependent stages short
   * or give them an executor.
   *
   * @throws IllegalArgumentException if location is null
   */
  public CompletableFuture<Feature> getFeatureAsync(Point location) {
    dev.routeguide.grpc.proto.Point request = ProtoMapper.toProto(requireArgument(location, "location"));
    ClientCall<dev.routeguide.grpc.proto.Point, dev.routeguide.grpc.proto.Feature> call =
        channel.newCall(RouteGuideGrpc.getGetFeatureMethod(), callOptions());
    CompletableFuture<Feature> result = new CompletableFuture<>();
    result.whenComplete(
        (feature, failure) -> {
          if (result.isCancelled()) {
            call.cancel("GetFeature cancelled by the client", null);
          }
        });
    ClientCalls.asyncUnaryCall(
        call,
        request,
        new StreamObserver<>() {
          @Override
          public void onNext(dev.routeguide.grpc.proto.Feature reply) {
            try {
              result.complete(ProtoMapper.fromProto(reply));
            } catch (IllegalArgumentException e) {
              result.completeExceptionally(RouteGuideStatusException.invalidResponse(e));
            }
          }

          @Override
          public void onError(Throwable error) {
            result.completeExceptionally(RouteGuideStatusException.from(error));
          }

          @Override
          public void onCompleted() {}
        });
    return result;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The server sends a feature only when the stream asks for it, one at a time. Failures,
   * including an expired deadline, are thrown from {@code hasNext()} as {@link
   * RouteGuideStatusException}.
   *
   * @throws IllegalArgumentException if area is null
   */
  @Override
  public FeatureStream listFeatures(Rectangle area) {
    dev.routeguide.grpc.proto.Rectangle request = ProtoMapper.toProto(requireArgument(area, "area"));
    // The blocking iterator has no cancel of its own: run the call in a context we can cancel.
    Context.CancellableContext context = Context.current().withCancellation();
    Context previous = context.attach();
    try {
      Iterator<dev.routeguide.grpc.proto.Feature> responses =
          ClientCalls.blockingServerStreamingCall(
              channel, RouteGuideGrpc.getListFeaturesMethod(), callOptions(), request);
      return new RemoteFeatureStream(responses, context);
    } catch (StatusRuntimeException e) {
      context.cancel(e);
      throw RouteGuideStatusException.from(e);
    } finally {
      context.detach(previous);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The returned recording's {@code send} blocks while the transport is not ready for another
   * point; its {@code send} and {@code finish} throw {@link RouteGuideStatusException} once the
   * call has failed.
   */
  @Override
  public RouteRecording recordRoute() {
    return RemoteRouteRecording.start(channel, callOptions());
  }

  /**
   * Records the route made of a stream's points, in order, and returns its summary; the stream is
   * consumed but not closed.
   *
   * @throws NullPointerException if points or one of them is null
   * @throws RouteGuideStatusException if the call fails
   */
  public RouteSummary recordRoute(Stream<Point> points) {
    Objects.requireNonNull(points, "points");
    return recordRoute((Iterable<Point>) points::iterator);
  }

  /**
   * Starts recording a whole route without waiting. Points are taken from the iterable on gRPC
   * threads, only as fast as the transport is ready for them. The future fails with {@link
   * RouteGuideStatusException} if the call fails, or with the exception thrown by the iterable
   * (such as a {@link NullPointerException} for a null point); cancelling it cancels the call.
   *
   * @throws NullPointerException if points is null
   */
  public CompletableFuture<RouteSummary> recordRouteAsync(Iterable<Point> points) {
    Objects.requireNonNull(points, "points");
    return RouteUpload.start(channel, callOptions(), points.iterator());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Replies arrive on gRPC threads; a failure reaches the receiver's {@code onError} as a
   * {@link RouteGuideStatusException}. The chat's {@code send} blocks while the transport is not
   * ready for another note, so do not call it from the receiver.
   *
   * @throws NullPointerException if receiver is null
   */
  @Override
  public RouteChat routeChat(NoteReceiver receiver) {
    return RemoteRouteChat.start(channel, callOptions(), receiver);
  }

  /**
   * Shuts down the channel if this client owns it, letting calls in flight finish for up to five
   * seconds before cancelling them and waiting up to five more for the channel to terminate; does
   * nothing for a channel given to {@link #over}. Idempotent.
   */
  @Override
  public void close() {
    if (ownedChannel == null) {
      return;
    }
    ownedChannel.shutdown();
    try {
      if (!ownedChannel.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)) {
        // Cancelled calls end promptly; wait for them so no transport thread outlives close().
        ownedChannel.shutdownNow().awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      ownedChannel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "RouteGuideClient[" + channel.authority()
        + (deadline == null ? "" : ", deadline " + deadline) + "]";
  }

  private CallOptions callOptions() {
    if (deadline == null) {
      return CallOptions.DEFAULT;
    }
    long nanos;
    try {
      nanos = deadline.toNanos();
    } catch (ArithmeticException tooLong) {
      nanos = Long.MAX_VALUE;
    }
    return CallOptions.DEFAULT.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS);
  }

  private static <T> T requireArgument(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }
}
