package dev.routeguide.grpc.server;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.NoteBoardObserver;
import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import java.util.Objects;

/**
 * The RouteGuide gRPC service over any {@link RouteGuide} backend, added to a server in one line:
 *
 * <pre>{@code
 * Server server = Grpc.newServerBuilderForPort(8980, InsecureServerCredentials.create())
 *     .addService(RouteGuideService.of(FeatureCatalogue.canonical()))
 *     .build()
 *     .start();
 * }</pre>
 *
 * <p>Each RPC is mapped by {@link ProtoMapper} and delegated to the backend; no domain rule lives
 * here. Input that fails validation (a coordinate out of range, a missing {@code Rectangle} corner
 * or {@code RouteNote.location}, a note the board rejects) ends the call with {@code
 * INVALID_ARGUMENT} and a description that starts with the field, e.g. {@code "lo must be set"}.
 * Any other failure of the backend is logged with its stack trace and answered with {@code
 * INTERNAL} and the description {@code "internal error"}.
 *
 * <p>Streams are flow-controlled: ListFeatures pulls the next feature from the backend only while
 * the call is ready to send, so a slow reader holds back production, and it closes the backend's
 * stream when the call completes, is cancelled or passes its deadline. RecordRoute keeps a window
 * of points requested ahead, so a fast client is read in batches rather than one point per thread
 * hand-off: 256 over a network, where at most that many messages (each up to the server's maximum
 * inbound message size) wait for the backend, and 1024 in process, where nothing is copied.
 * RouteChat requests notes the same way (64 ahead over a network, 1024 in process) and posts the
 * next one only while the notes it has written beyond what the client is ready for stay within a
 * bounded overdraft (32 KiB), so a client that stops reading stops being read once the inbound
 * window is used. Cancelled RecordRoute and RouteChat calls cancel their backend handles.
 *
 * <p>The service's own code never blocks; whether a call may run on the transport's threads
 * ({@code directExecutor()}) depends on the backend: yes for a {@link LocalRouteGuide} over the
 * in-memory note board, no for a backend that blocks, such as one over a remote note store.
 *
 * <p>Thread-safe; one instance may be added to any number of servers.
 *
 * @since 0.1.0
 */
public final class RouteGuideService implements BindableService {

  private final RouteGuide backend;
  private final NoteBoardObserver liveNotes;

  /**
   * A service that answers from the given backend, typically a {@link LocalRouteGuide}.
   *
   * @throws NullPointerException if backend is null
   */
  public RouteGuideService(RouteGuide backend) {
    this(backend, NoteBoardObserver.NONE);
  }

  /**
   * A service that answers from the given backend and reports to {@code liveNotes} the live
   * RouteChat notes it drops when a client reads too slowly for its call's live buffer ({@link
   * NoteBoardObserver#liveNotesDropped}); typically the observer the backend's note board reports
   * to.
   *
   * @throws NullPointerException if an argument is null
   * @since 0.2.0
   */
  public RouteGuideService(RouteGuide backend, NoteBoardObserver liveNotes) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.liveNotes = Objects.requireNonNull(liveNotes, "liveNotes");
  }

  /**
   * A service over the catalogue with the defaults of {@link LocalRouteGuide#of}: a new in-memory
   * note board and a monotonic clock for elapsed times. For other choices, build the {@link
   * LocalRouteGuide} yourself and use the constructor.
   *
   * @throws NullPointerException if catalogue is null
   */
  public static RouteGuideService of(FeatureCatalogue catalogue) {
    return new RouteGuideService(LocalRouteGuide.of(Objects.requireNonNull(catalogue, "catalogue")));
  }

  @Override
  public ServerServiceDefinition bindService() {
    return ServerInterceptors.intercept(
        RouteGuideGrpc.bindService(new Handlers(backend, liveNotes)),
        InboundWindow.TRANSPORT_MARKER);
  }

  @Override
  public String toString() {
    return "RouteGuideService[" + backend + "]";
  }

  private static final class Handlers implements RouteGuideGrpc.AsyncService {
    private final RouteGuide backend;
    private final NoteBoardObserver liveNotes;

    Handlers(RouteGuide backend, NoteBoardObserver liveNotes) {
      this.backend = backend;
      this.liveNotes = liveNotes;
    }

    @Override
    public void getFeature(
        dev.routeguide.grpc.proto.Point request,
        StreamObserver<dev.routeguide.grpc.proto.Feature> responseObserver) {
      Point location;
      try {
        location = ProtoMapper.fromProto(request);
      } catch (IllegalArgumentException e) {
        responseObserver.onError(FailureStatus.invalidArgument(e));
        return;
      }
      dev.routeguide.grpc.proto.Feature reply;
      try {
        reply = ProtoMapper.toProto(backend.getFeature(location));
      } catch (RuntimeException e) {
        responseObserver.onError(FailureStatus.fromBackend("GetFeature", e));
        return;
      }
      responseObserver.onNext(reply);
      responseObserver.onCompleted();
    }

    @Override
    public void listFeatures(
        dev.routeguide.grpc.proto.Rectangle request,
        StreamObserver<dev.routeguide.grpc.proto.Feature> responseObserver) {
      ListFeaturesCall.start(backend, request, responseObserver);
    }

    @Override
    public StreamObserver<dev.routeguide.grpc.proto.Point> recordRoute(
        StreamObserver<dev.routeguide.grpc.proto.RouteSummary> responseObserver) {
      return RecordRouteCall.start(backend, responseObserver);
    }

    @Override
    public StreamObserver<dev.routeguide.grpc.proto.RouteNote> routeChat(
        StreamObserver<dev.routeguide.grpc.proto.RouteNote> responseObserver) {
      return RouteChatCall.start(backend, responseObserver, liveNotes);
    }
  }
}
