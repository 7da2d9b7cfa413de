package dev.routeguide.grpc;

import static dev.routeguide.grpc.WireValues.note;
import static dev.routeguide.grpc.WireValues.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.routeguide.grpc.server.RouteGuideService;
import dev.routeguide.grpc.client.RouteGuideStatusException;
import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.RouteSummary;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backend that fails unexpectedly: the client gets {@code INTERNAL} with the description {@code
 * "internal error"} and nothing of the exception, and the server logs the exception with its
 * stack trace.
 */
class UnexpectedFailureTest {

  private static final String SECRET = "secret detail of the server";

  private final Logger serviceLogger = Logger.getLogger(RouteGuideService.class.getName());
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private Supplier<RuntimeException> failure = () -> new IllegalStateException(SECRET);
  private InProcessServer server;
  private RouteGuideGrpc.RouteGuideBlockingStub blocking;
  private RouteGuideGrpc.RouteGuideStub async;

  @BeforeEach
  void serveAFaultyBackend() {
    serviceLogger.addHandler(capture);
    serviceLogger.setUseParentHandlers(false);
    server = InProcessServer.serving(new Faulty(), InProcessServer.Executor.POOLED);
    blocking = RouteGuideGrpc.newBlockingStub(server.channel());
    async = RouteGuideGrpc.newStub(server.channel());
  }

  @AfterEach
  void shutDown() {
    server.close();
    serviceLogger.removeHandler(capture);
    serviceLogger.setUseParentHandlers(true);
  }

  private void assertInternalWithoutDetail(StatusRuntimeException e) {
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(e.getStatus().getDescription()).isEqualTo("internal error");
    assertThat(e.getStatus().getCause()).isNull();
    assertThat(String.valueOf(e.getTrailers())).doesNotContain(SECRET).doesNotContain("at dev.");
  }

  private void assertLoggedWithStackTrace(String rpc) {
    assertThat(logged)
        .anySatisfy(
            record -> {
              assertThat(record.getLevel()).isEqualTo(Level.WARNING);
              assertThat(record.getMessage()).contains(rpc);
              assertThat(record.getThrown()).hasMessage(SECRET);
              assertThat(record.getThrown().getStackTrace()).isNotEmpty();
            });
  }

  @Test
  void getFeatureAnswersInternalAndLogsTheException() {
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> blocking.getFeature(point(1, 1)));
    assertInternalWithoutDetail(e);
    assertLoggedWithStackTrace("GetFeature");
  }

  @Test
  void anIllegalArgumentFromTheBackendIsNotTheClientsFaultSoItIsInternal() {
    failure = () -> new IllegalArgumentException(SECRET);
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> blocking.getFeature(point(1, 1)));
    assertInternalWithoutDetail(e);
  }

  @Test
  void aRemoteBackendsStatusIsPassedOnAsIs() {
    failure =
        () ->
            new RouteGuideStatusException(
                Status.UNAVAILABLE.withDescription("upstream route guide is down"));
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> blocking.getFeature(point(1, 1)));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(e.getStatus().getDescription()).isEqualTo("upstream route guide is down");
    assertThat(logged).isEmpty();
  }

  @Test
  void aRemoteBackendsInternalFailureKeepsItsCodeButNotItsDetail() {
    failure =
        () -> new RouteGuideStatusException(Status.INTERNAL.withDescription(SECRET));
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> blocking.getFeature(point(1, 1)));
    assertInternalWithoutDetail(e);
    assertThat(logged)
        .anySatisfy(
            record -> {
              assertThat(record.getMessage()).contains("GetFeature");
              assertThat(record.getThrown()).isInstanceOf(RouteGuideStatusException.class);
            });
  }

  @Test
  void listFeaturesSendsWhatItHadThenAnswersInternal() {
    Iterator<dev.routeguide.grpc.proto.Feature> features =
        blocking.listFeatures(ProtoMapper.toProto(Rectangle.world()));
    List<dev.routeguide.grpc.proto.Feature> received = new ArrayList<>();
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> features.forEachRemaining(received::add));
    assertThat(received).hasSize(2);
    assertInternalWithoutDetail(e);
    assertLoggedWithStackTrace("ListFeatures");
  }

  @Test
  void recordRouteAnswersInternalWhenTheSummaryFails() throws Exception {
    RecordingObserver<dev.routeguide.grpc.proto.RouteSummary> response =
        new RecordingObserver<>();
    StreamObserver<dev.routeguide.grpc.proto.Point> points = async.recordRoute(response);
    points.onNext(point(1, 1));
    points.onCompleted();
    Status status = response.awaitFailure();
    assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(status.getDescription()).isEqualTo("internal error");
    assertLoggedWithStackTrace("RecordRoute");
  }

  @Test
  void routeChatAnswersInternalWhenSendingFails() throws Exception {
    RecordingObserver<dev.routeguide.grpc.proto.RouteNote> replies = new RecordingObserver<>();
    StreamObserver<dev.routeguide.grpc.proto.RouteNote> notes = async.routeChat(replies);
    notes.onNext(note(point(1, 1), "hello"));
    Status status = replies.awaitFailure();
    assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(status.getDescription()).isEqualTo("internal error");
    assertLoggedWithStackTrace("RouteChat");
  }

  /** Fails every operation with {@link #failure}, ListFeatures after two features. */
  private final class Faulty implements RouteGuide {
    private final RouteGuide healthy = LocalRouteGuide.of(FeatureCatalogue.canonical());

    @Override
    public Feature getFeature(Point location) {
      throw failure.get();
    }

    @Override
    public FeatureStream listFeatures(Rectangle area) {
      FeatureStream features = healthy.listFeatures(area);
      return new FeatureStream() {
        private int sent;

        @Override
        public boolean hasNext() {
          return true;
        }

        @Override
        public Feature next() {
          if (sent++ == 2) {
            throw failure.get();
          }
          return features.next();
        }

        @Override
        public void close() {
          features.close();
        }
      };
    }

    @Override
    public RouteRecording recordRoute() {
      return new RouteRecording() {
        @Override
        public void send(Point point) {}

        @Override
        public RouteSummary finish() {
          throw failure.get();
        }

        @Override
        public void cancel() {}
      };
    }

    @Override
    public RouteChat routeChat(NoteReceiver receiver) {
      return new SilentChat() {
        @Override
        public void send(RouteNote note) {
          throw failure.get();
        }
      };
    }
  }
}
