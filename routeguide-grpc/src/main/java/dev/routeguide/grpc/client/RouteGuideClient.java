package dev.routeguide.grpc.client;

import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.RouteGuideException;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.route.RouteSummary;
import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
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
 * a {@link NoteReceiver}, is a {@link RouteGuideException} of the same type {@link
 * dev.routeguide.core.LocalRouteGuide} raises: bad input rejected by the server is an {@link
 * dev.routeguide.core.InvalidArgumentException} whose message starts with the field, and so on
 * for each status of the same name; every other status is a {@link RouteGuideStatusException}.
 * {@link RouteGuideStatusException#statusOf} gives the call's gRPC status in every case. A {@code
 * null} argument is a {@link NullPointerException} naming the parameter, raised before any call.
 *
 * <p>Streams are flow-controlled: a {@link FeatureStream} asks the server for one feature at a
 * time, a {@link RouteChat} asks for 64 replies ahead of its receiver, and {@link
 * RouteRecording#send} and {@link RouteChat#send} send at once while the transport is ready and
 * block while it is not, so neither side queues without limit.
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
  private final CallOptions options;

  private RouteGuideClient(
      Channel channel, ManagedChannel ownedChannel, Duration deadline, CallOptions options) {
    this.channel = channel;
    this.ownedChannel = ownedChannel;
    this.deadline = deadline;
    this.options = options;
  }

  /**
   * A client over a channel that the caller keeps and shuts down; {@link #close()} leaves it open.
   *
   * @throws NullPointerException if channel is null
   */
  public static RouteGuideClient over(Channel channel) {
    return new RouteGuideClient(
        Objects.requireNonNull(channel, "channel"), null, null, CallOptions.DEFAULT);
  }

  /**
   * A client that owns the channel: {@link #close()} shuts it down.
   *
   * @throws NullPointerException if channel is null
   */
  public static RouteGuideClient owning(ManagedChannel channel) {
    Objects.requireNonNull(channel, "channel");
    return new RouteGuideClient(channel, channel, null, CallOptions.DEFAULT);
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
   * DEADLINE_EXCEEDED}. The view shares this client's channel but does not own it: closing the
   * view does nothing, and the view stops working once this client is closed. The same holds for
   * every {@code with...} view.
   *
   * @throws NullPointerException if perCall is null
   * @throws IllegalArgumentException if perCall is zero or negative
   */
  public RouteGuideClient withDeadline(Duration perCall) {
    Objects.requireNonNull(perCall, "perCall");
    if (perCall.isZero() || perCall.isNegative()) {
      throw new IllegalArgumentException("perCall must be positive, got " + perCall);
    }
    return new RouteGuideClient(channel, null, perCall, options);
  }

  /**
   * A view of this client whose every call carries these credentials, such as an OAuth token
   * ({@code io.grpc.auth.MoreCallCredentials}) or a custom {@link CallCredentials}; they replace
   * any set by an earlier view. gRPC sends call credentials only over secure channels unless the
   * credentials say otherwise. The view does not own the channel (see {@link #withDeadline}).
   *
   * @throws NullPointerException if credentials is null
   */
  public RouteGuideClient withCallCredentials(CallCredentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    return new RouteGuideClient(channel, null, deadline, options.withCallCredentials(credentials));
  }

  /**
   * A view of this client whose every call sends these headers, in addition to those of earlier
   * views. The view does not own the channel (see {@link #withDeadline}).
   *
   * @param headers copied now; later changes to it are not seen
   * @throws NullPointerException if headers is null
   */
  public RouteGuideClient withMetadata(Metadata headers) {
    Objects.requireNonNull(headers, "headers");
    Metadata copy = new Metadata();
    copy.merge(headers);
    Channel withHeaders =
        ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(copy));
    return new RouteGuideClient(withHeaders, null, deadline, options);
  }

  /**
   * A view of this client that compresses the messages it sends with this compressor, such as
   * {@code "gzip"} (the one gRPC registers by default); servers answer in a compression of their
   * choosing. A name the channel does not know fails each call with {@code INTERNAL}. The view
   * does not own the channel (see {@link #withDeadline}).
   *
   * @throws NullPointerException if compressorName is null
   */
  public RouteGuideClient withCompression(String compressorName) {
    Objects.requireNonNull(compressorName, "compressorName");
    return new RouteGuideClient(channel, null, deadline, options.withCompression(compressorName));
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if location is null
   * @throws RouteGuideException if the call fails (see {@link RouteGuideStatusException} for the
   *     type raised for each status)
   */
  @Override
  public Feature getFeature(Point location) {
    dev.routeguide.grpc.proto.Point request = ProtoMapper.toProto(Objects.requireNonNull(location, "location"));
    dev.routeguide.grpc.proto.Feature reply;
    try {
      reply =
          ClientCalls.blockingUnaryCall(
              channel, RouteGuideGrpc.getGetFeatureMethod(), callOptions(), request);
    } catch (StatusRuntimeException e) {
      throw RouteGuideStatusException.from(e);
    }
    return RouteGuideStatusException.decode(ProtoMapper::fromProto, reply);
  }

  /**
   * Starts GetFeature without waiting. The future fails with a {@link RouteGuideException};
   * cancelling it cancels the call. It completes on a gRPC thread, so keep dependent stages short
   * or give them an executor.
   *
   * @throws NullPointerException if location is null
   */
  public CompletableFuture<Feature> getFeatureAsync(Point location) {
    dev.routeguide.grpc.proto.Point request =
        ProtoMapper.toProto(Objects.requireNonNull(location, "location"));
    return new SingleResponse<dev.routeguide.grpc.proto.Point, dev.routeguide.grpc.proto.Feature,
        Feature>("GetFeature", ProtoMapper::fromProto, SingleResponse.oneRequest())
        .startUnary(channel.newCall(RouteGuideGrpc.getGetFeatureMethod(), callOptions()), request);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The server sends a feature only when the stream asks for it, one at a time. Failures,
   * including an expired deadline, are thrown from {@code hasNext()} as {@link
   * RouteGuideException}.
   *
   * @throws NullPointerException if area is null
   */
  @Override
  public FeatureStream listFeatures(Rectangle area) {
    dev.routeguide.grpc.proto.Rectangle request = ProtoMapper.toProto(Objects.requireNonNull(area, "area"));
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
   * point; its {@code send} and {@code finish} throw a {@link RouteGuideException} once the
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
   * @throws RouteGuideException if the call fails (see {@link RouteGuideStatusException} for the
   *     type raised for each status)
   */
  public RouteSummary recordRoute(Stream<Point> points) {
    Objects.requireNonNull(points, "points");
    return recordRoute((Iterable<Point>) points::iterator);
  }

  /**
   * Starts recording a whole route without waiting. Points are taken from the iterable on gRPC
   * threads, only as fast as the transport is ready for them. The future fails with {@link
   * RouteGuideException} if the call fails, or with the exception thrown by the iterable
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
   * {@link RouteGuideException}. The chat's {@code send} blocks while the transport is not
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
      return options;
    }
    long nanos;
    try {
      nanos = deadline.toNanos();
    } catch (ArithmeticException tooLong) {
      nanos = Long.MAX_VALUE;
    }
    return options.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS);
  }
}
