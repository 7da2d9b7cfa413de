package dev.routeguide.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.grpc.ObservedRouteGuide.Ending;
import dev.routeguide.grpc.ObservedRouteGuide.ObservedChat;
import dev.routeguide.grpc.ObservedRouteGuide.ObservedFeatureStream;
import dev.routeguide.grpc.ObservedRouteGuide.ObservedRecording;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.proto.RouteNote;
import dev.routeguide.grpc.proto.RouteSummary;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the service does with its backend when a stream is abandoned, read slowly or runs out of
 * time, observed through {@link ObservedRouteGuide} (never through sleeps), with generated stubs
 * as the client and both executor set-ups.
 */
class StreamLifecycleTest {

  /** Features in the big catalogue: a 1000 x 1000 grid, all inside {@link #EVERYWHERE}. */
  private static final int MILLION = 1_000_000;

  /**
   * Most features the service may have pulled but the client not yet received. In-process, the
   * server is ready only while the client has asked for a message, so this is a handful; over
   * HTTP/2 it would be bounded by the transport windows in bytes instead.
   */
  private static final long WINDOW = 16;

  private static final dev.routeguide.grpc.proto.Rectangle EVERYWHERE =
      ProtoMapper.toProto(Rectangle.world());

  private static FeatureCatalogue millionFeatures;

  private InProcessServer server;
  private ObservedRouteGuide backend;
  private InMemoryNoteBoard board;

  @BeforeAll
  static void buildTheMillionFeatureCatalogueOnce() {
    List<Feature> features = new ArrayList<>(MILLION);
    String name = "grid point";
    for (int lat = 0; lat < 1000; lat++) {
      for (int lon = 0; lon < 1000; lon++) {
        features.add(Feature.named(name, Point.ofE7(lat * 10, lon * 10)));
      }
    }
    millionFeatures = FeatureCatalogue.of(features);
  }

  private void serve(InProcessServer.Executor executor) {
    board = new InMemoryNoteBoard();
    backend =
        new ObservedRouteGuide(new LocalRouteGuide(millionFeatures, board, Clock.systemUTC()));
    server = InProcessServer.serving(backend, executor);
  }

  @AfterEach
  void shutDown() {
    if (server != null) {
      server.close();
    }
  }

  private RouteGuideGrpc.RouteGuideBlockingStub blocking() {
    return RouteGuideGrpc.newBlockingStub(server.channel());
  }

  private RouteGuideGrpc.RouteGuideStub async() {
    return RouteGuideGrpc.newStub(server.channel());
  }

  @Nested
  @DisplayName("ListFeatures over a million features")
  class ListFeatures {

    @ParameterizedTest
    @EnumSource(InProcessServer.Executor.class)
    void stopsProducingWhenTheClientCancelsAfterTheFirstMessage(InProcessServer.Executor executor)
        throws Exception {
      serve(executor);
      Context.CancellableContext call = Context.current().withCancellation();
      Iterator<dev.routeguide.grpc.proto.Feature> features =
          call.call(() -> blocking().listFeatures(EVERYWHERE));
      assertThat(features.next().getName()).isEqualTo("grid point");
      call.cancel(null);

      ObservedFeatureStream stream = backend.nextFeatureStream();
      stream.awaitClosed();
      assertThat(stream.pulled()).isBetween(1L, 1 + WINDOW);
      assertThat(stream.pulledAfterClose()).isZero();
    }

    @ParameterizedTest
    @EnumSource(InProcessServer.Executor.class)
    void keepsWhatItProducedAheadOfASlowReaderWithinASmallWindow(
        InProcessServer.Executor executor) throws Exception {
      serve(executor);
      Context.CancellableContext call = Context.current().withCancellation();
      Iterator<dev.routeguide.grpc.proto.Feature> features =
          call.call(() -> blocking().listFeatures(EVERYWHERE));
      ObservedFeatureStream stream = backend.nextFeatureStream();
      long maxAhead = 0;
      for (long received = 1; received <= 5_000; received++) {
        features.next();
        // The reader is slow: it checks the server's lead before asking for the next feature.
        maxAhead = Math.max(maxAhead, stream.pulled() - received);
      }
      call.cancel(null);
      stream.awaitClosed();
      assertThat(maxAhead).isLessThanOrEqualTo(WINDOW);
      assertThat(stream.pulled()).isLessThanOrEqualTo(5_000 + WINDOW);
    }

    @ParameterizedTest
    @EnumSource(InProcessServer.Executor.class)
    void endsWithDeadlineExceededAndStopsProducingWhenTheDeadlinePasses(
        InProcessServer.Executor executor) throws Exception {
      serve(executor);
      Iterator<dev.routeguide.grpc.proto.Feature> features =
          blocking().withDeadlineAfter(1, TimeUnit.SECONDS).listFeatures(EVERYWHERE);
      features.next();
      ObservedFeatureStream stream = backend.nextFeatureStream();
      // The reader stops reading; the deadline then cancels the call on the server.
      stream.awaitClosed();

      StatusRuntimeException failure =
          catchThrowableOfType(
              StatusRuntimeException.class, () -> features.forEachRemaining(feature -> {}));
      assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(stream.pulled()).isLessThanOrEqualTo(1 + WINDOW);
      assertThat(stream.pulledAfterClose()).isZero();
    }

    @ParameterizedTest
    @EnumSource(InProcessServer.Executor.class)
    void closesTheBackendStreamWhenItCompletes(InProcessServer.Executor executor)
        throws Exception {
      serve(executor);
      dev.routeguide.grpc.proto.Rectangle corner =
          ProtoMapper.toProto(Rectangle.spanning(Point.ofE7(0, 0), Point.ofE7(90, 90)));
      List<dev.routeguide.grpc.proto.Feature> all = new ArrayList<>();
      blocking().listFeatures(corner).forEachRemaining(all::add);
      assertThat(all).hasSize(100);
      backend.nextFeatureStream().awaitClosed();
    }
  }

  @Nested
  @DisplayName("RecordRoute")
  class RecordRoute {

    @ParameterizedTest
    @EnumSource(InProcessServer.Executor.class)
    void cancelsTheBackendRecordingWhenTheClientCancelsMidRoute(InProcessServer.Executor executor)
        throws Exception {
      serve(executor);
      RecordingObserver<RouteSummary> response = new RecordingObserver<>();
      AtomicReference<ClientCallStreamObserver<dev.routeguide.grpc.proto.Point>> call =
          new AtomicReference<>();
      StreamObserver<dev.routeguide.grpc.proto.Point> points =
          async().recordRoute(capturing(call, response));
      for (int i = 0; i < 3; i++) {
        points.onNext(ProtoMapper.toProto(Point.ofE7(i, i)));
      }
      ObservedRecording recording = backend.nextRecording();
      recording.awaitSent(3);
      call.get().cancel("the client gives up", null);

      assertThat(recording.awaitEnding()).isEqualTo(Ending.CANCELLED);
      assertThat(response.awaitFailure().getCode()).isEqualTo(Status.Code.CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(InProcessServer.Executor.class)
    void cancelsTheBackendRecordingWhenAPointIsInvalid(InProcessServer.Executor executor)
        throws Exception {
      serve(executor);
      RecordingObserver<RouteSummary> response = new RecordingObserver<>();
      StreamObserver<dev.routeguide.grpc.proto.Point> points = async().recordRoute(response);
      points.onNext(ProtoMapper.toProto(Point.ofE7(1, 1)));
      points.onNext(WireValues.point(900_000_001, 0));

      assertThat(backend.nextRecording().awaitEnding()).isEqualTo(Ending.CANCELLED);
      assertThat(response.awaitFailure().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @ParameterizedTest
    @EnumSource(InProcessServer.Executor.class)
    void cancelsTheBackendRecordingWhenTheDeadlinePasses(InProcessServer.Executor executor)
        throws Exception {
      serve(executor);
      RecordingObserver<RouteSummary> response = new RecordingObserver<>();
      StreamObserver<dev.routeguide.grpc.proto.Point> points =
          async().withDeadlineAfter(1, TimeUnit.SECONDS).recordRoute(response);
      points.onNext(ProtoMapper.toProto(Point.ofE7(1, 1)));

      assertThat(backend.nextRecording().awaitEnding()).isEqualTo(Ending.CANCELLED);
      assertThat(response.awaitFailure().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }
  }

  @Nested
  @DisplayName("RouteChat")
  class RouteChat {

    @ParameterizedTest
    @EnumSource(InProcessServer.Executor.class)
    void cancelsTheBackendChatWhenTheClientCancelsMidStream(InProcessServer.Executor executor)
        throws Exception {
      serve(executor);
      RecordingObserver<RouteNote> replies = new RecordingObserver<>();
      AtomicReference<ClientCallStreamObserver<RouteNote>> call = new AtomicReference<>();
      StreamObserver<RouteNote> notes = async().routeChat(capturing(call, replies));
      notes.onNext(WireValues.note(WireValues.point(5, 5), "before the cancel"));
      ObservedChat chat = backend.nextChat();
      chat.awaitSent(1);
      call.get().cancel("the client gives up", null);

      assertThat(chat.awaitEnding()).isEqualTo(Ending.CANCELLED);
      assertThat(replies.awaitFailure().getCode()).isEqualTo(Status.Code.CANCELLED);
      assertThat(board.noteCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(InProcessServer.Executor.class)
    void cancelsTheBackendChatWhenANoteIsInvalid(InProcessServer.Executor executor)
        throws Exception {
      serve(executor);
      RecordingObserver<RouteNote> replies = new RecordingObserver<>();
      StreamObserver<RouteNote> notes = async().routeChat(replies);
      notes.onNext(RouteNote.newBuilder().setMessage("no location").build());

      assertThat(backend.nextChat().awaitEnding()).isEqualTo(Ending.CANCELLED);
      assertThat(replies.awaitFailure().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(board.noteCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(InProcessServer.Executor.class)
    void cancelsTheBackendChatWhenTheDeadlinePasses(InProcessServer.Executor executor)
        throws Exception {
      serve(executor);
      RecordingObserver<RouteNote> replies = new RecordingObserver<>();
      StreamObserver<RouteNote> notes =
          async().withDeadlineAfter(1, TimeUnit.SECONDS).routeChat(replies);
      notes.onNext(WireValues.note(WireValues.point(5, 5), "then silence"));

      assertThat(backend.nextChat().awaitEnding()).isEqualTo(Ending.CANCELLED);
      assertThat(replies.awaitFailure().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }

    @ParameterizedTest
    @EnumSource(InProcessServer.Executor.class)
    void completesTheBackendChatWhenTheClientHalfCloses(InProcessServer.Executor executor)
        throws Exception {
      serve(executor);
      RecordingObserver<RouteNote> replies = new RecordingObserver<>();
      StreamObserver<RouteNote> notes = async().routeChat(replies);
      notes.onNext(WireValues.note(WireValues.point(5, 5), "bye"));
      notes.onCompleted();

      assertThat(backend.nextChat().awaitEnding()).isEqualTo(Ending.COMPLETED);
      assertThat(replies.awaitCompletion()).isEmpty();
    }
  }

  /** Passes the call's request side out of {@code beforeStart}, so the test can cancel it. */
  private static <ReqT, RespT> ClientResponseObserver<ReqT, RespT> capturing(
      AtomicReference<ClientCallStreamObserver<ReqT>> call, StreamObserver<RespT> delegate) {
    return new ClientResponseObserver<>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<ReqT> requestStream) {
        call.set(requestStream);
      }

      @Override
      public void onNext(RespT value) {
        delegate.onNext(value);
      }

      @Override
      public void onError(Throwable t) {
        delegate.onError(t);
      }

      @Override
      public void onCompleted() {
        delegate.onCompleted();
      }
    };
  }
}
