package dev.routeguide.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.UnavailableException;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.proto.RouteSummary;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The client against a fake server that breaks the protocol: every invalid response surfaces as
 * the documented exception through blocking calls, futures and streams, never as gRPC's own
 * {@link IllegalStateException}, and no call is left open (the server terminates promptly).
 */
class InvalidResponseTest {

  private static final Point HERE = Point.ofE7(409146138, -746188906);
  private static final dev.routeguide.grpc.proto.Point WIRE_HERE =
      dev.routeguide.grpc.proto.Point.newBuilder()
          .setLatitude(409146138)
          .setLongitude(-746188906)
          .build();
  private static final dev.routeguide.grpc.proto.Point OUT_OF_RANGE =
      dev.routeguide.grpc.proto.Point.newBuilder().setLatitude(1_000_000_000).build();
  private static final Feature VALID = Feature.newBuilder().setName("a").setLocation(WIRE_HERE).build();
  private static final Duration WAIT = Duration.ofSeconds(10);

  private Server server;
  private ManagedChannel channel;
  private RouteGuideClient client;

  private void serve(RouteGuideGrpc.RouteGuideImplBase fake) throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(fake).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
    client = RouteGuideClient.over(channel);
  }

  @AfterEach
  void noCallIsLeftOpen() throws InterruptedException {
    channel.shutdown();
    server.shutdown();
    assertThat(channel.awaitTermination(5, TimeUnit.SECONDS)).as("channel terminated").isTrue();
    assertThat(server.awaitTermination(5, TimeUnit.SECONDS)).as("no call left open").isTrue();
  }

  private static void assertInvalidResponse(Throwable thrown, String field) {
    assertThat(thrown)
        .isInstanceOfSatisfying(
            RouteGuideStatusException.class,
            e -> {
              assertThat(e.code()).isEqualTo(Status.Code.INTERNAL);
              assertThat(e.description()).startsWith("invalid response from server: " + field);
            });
  }

  private static Throwable causeOf(ExecutionException e) {
    return e.getCause();
  }

  @Nested
  class GetFeature {

    private void answer(Feature feature) throws IOException {
      serve(
          new RouteGuideGrpc.RouteGuideImplBase() {
            @Override
            public void getFeature(
                dev.routeguide.grpc.proto.Point request, StreamObserver<Feature> reply) {
              reply.onNext(feature);
              reply.onCompleted();
            }
          });
    }

    @Test
    void aFeatureWithoutLocationFailsTheBlockingCallAndTheFuture() throws Exception {
      answer(Feature.newBuilder().setName("nowhere").build());
      assertInvalidResponse(catchThrowable(() -> client.getFeature(HERE)), "location must be set");
      ExecutionException async =
          (ExecutionException)
              catchThrowable(() -> client.getFeatureAsync(HERE).get(WAIT.toSeconds(), TimeUnit.SECONDS));
      assertInvalidResponse(causeOf(async), "location must be set");
    }

    @Test
    void anOutOfRangeLocationFailsNamingTheCoordinate() throws Exception {
      answer(Feature.newBuilder().setName("far").setLocation(OUT_OF_RANGE).build());
      assertInvalidResponse(catchThrowable(() -> client.getFeature(HERE)), "location.latitude");
    }
  }

  @Nested
  class ListFeatures {

    @Test
    void anInvalidFeatureAfterAValidOneFailsTheStreamThere() throws Exception {
      serve(
          new RouteGuideGrpc.RouteGuideImplBase() {
            @Override
            public void listFeatures(
                dev.routeguide.grpc.proto.Rectangle request, StreamObserver<Feature> reply) {
              reply.onNext(VALID);
              reply.onNext(Feature.newBuilder().setName("b").setLocation(OUT_OF_RANGE).build());
              reply.onNext(VALID);
              reply.onCompleted();
            }
          });
      try (FeatureStream features = client.listFeatures(Rectangle.world())) {
        assertThat(features.next().name()).isEqualTo("a");
        assertInvalidResponse(catchThrowable(features::next), "location.latitude");
      }
    }

    @Test
    void aStreamThatErrorsHalfwayGivesItsFeaturesThenTheCoreFailure() throws Exception {
      serve(
          new RouteGuideGrpc.RouteGuideImplBase() {
            @Override
            public void listFeatures(
                dev.routeguide.grpc.proto.Rectangle request, StreamObserver<Feature> reply) {
              reply.onNext(VALID);
              reply.onNext(VALID);
              reply.onError(Status.UNAVAILABLE.withDescription("store lost").asRuntimeException());
            }
          });
      try (FeatureStream features = client.listFeatures(Rectangle.world())) {
        assertThat(features.next().name()).isEqualTo("a");
        assertThat(features.next().name()).isEqualTo("a");
        assertThat(catchThrowable(features::hasNext))
            .isInstanceOf(UnavailableException.class)
            .hasMessage("store lost");
      }
    }
  }

  @Nested
  class RecordRoute {

    /** A server that answers the first point at once, before the client finishes. */
    private void answerFirstPoint(RouteSummary summary) throws IOException {
      serve(
          new RouteGuideGrpc.RouteGuideImplBase() {
            @Override
            public StreamObserver<dev.routeguide.grpc.proto.Point> recordRoute(
                StreamObserver<RouteSummary> reply) {
              return new StreamObserver<>() {
                private boolean answered;

                @Override
                public void onNext(dev.routeguide.grpc.proto.Point point) {
                  if (!answered) {
                    answered = true;
                    if (summary != null) {
                      reply.onNext(summary);
                    }
                    reply.onCompleted();
                  }
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {}
              };
            }
          });
    }

    private static final RouteSummary IMPOSSIBLE =
        RouteSummary.newBuilder().setPointCount(1).setFeatureCount(2).build();

    /** Sends until the failure the server caused is seen, bounded in count and time. */
    private Throwable sendUntilFailed(RouteRecording recording) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      for (int sent = 0; sent < 100_000 && System.nanoTime() < deadline; sent++) {
        Throwable thrown = catchThrowable(() -> recording.send(HERE));
        if (thrown != null) {
          return thrown;
        }
      }
      throw new AssertionError("the invalid summary never failed the recording");
    }

    @Test
    void anInvalidSummaryFailsSendAndThenFinishWithTheSameException() throws Exception {
      answerFirstPoint(IMPOSSIBLE);
      try (RouteRecording recording = client.recordRoute()) {
        Throwable fromSend = sendUntilFailed(recording);
        assertInvalidResponse(fromSend, "RouteSummary");
        // The client cancelled the call; finishing must not half-close it (gRPC would throw).
        assertThat(catchThrowable(recording::finish)).isSameAs(fromSend);
      }
    }

    // grpc-java's own server turns a summary-less completion into INTERNAL "Completed without a
    // response" (CANCELLED for a client still sending); a peer in another language may complete
    // with OK, which the client reports as INTERNAL ("server completed RecordRoute without a
    // summary"). Either way: a status failure, never gRPC's IllegalStateException.
    @Test
    void completionWithoutASummaryFailsFinishAndTheFutureWithInternal() throws Exception {
      answerFirstPoint(null);
      try (RouteRecording recording = client.recordRoute()) {
        Throwable thrown = sendUntilFailed(recording);
        assertThat(thrown)
            .isInstanceOfSatisfying(
                RouteGuideStatusException.class,
                e -> assertThat(e.code()).isIn(Status.Code.INTERNAL, Status.Code.CANCELLED));
        assertThat(catchThrowable(recording::finish)).isSameAs(thrown);
      }
      ExecutionException async =
          (ExecutionException)
              catchThrowable(
                  () -> client.recordRouteAsync(List.of(HERE, HERE)).get(WAIT.toSeconds(), TimeUnit.SECONDS));
      assertThat(causeOf(async))
          .isInstanceOfSatisfying(
              RouteGuideStatusException.class,
              e -> assertThat(e.code()).isIn(Status.Code.INTERNAL, Status.Code.CANCELLED));
    }

    @Test
    void anInvalidSummaryFailsTheFuture() throws Exception {
      answerFirstPoint(IMPOSSIBLE);
      ExecutionException async =
          (ExecutionException)
              catchThrowable(
                  () -> client.recordRouteAsync(List.of(HERE, HERE)).get(WAIT.toSeconds(), TimeUnit.SECONDS));
      assertInvalidResponse(causeOf(async), "RouteSummary");
    }
  }

  @Nested
  class RouteChatCalls {

    private void reply(List<dev.routeguide.grpc.proto.RouteNote> replies, Status end)
        throws IOException {
      serve(
          new RouteGuideGrpc.RouteGuideImplBase() {
            @Override
            public StreamObserver<dev.routeguide.grpc.proto.RouteNote> routeChat(
                StreamObserver<dev.routeguide.grpc.proto.RouteNote> out) {
              return new StreamObserver<>() {
                @Override
                public void onNext(dev.routeguide.grpc.proto.RouteNote note) {
                  replies.forEach(out::onNext);
                  if (end != null) {
                    out.onError(end.asRuntimeException());
                  }
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {
                  out.onCompleted();
                }
              };
            }
          });
    }

    private Throwable failureOf(NoteInbox inbox) throws InterruptedException {
      try {
        inbox.awaitAll(WAIT);
        throw new AssertionError("the chat ended without a failure");
      } catch (TimeoutException e) {
        throw new AssertionError("the chat did not end", e);
      } catch (RuntimeException e) {
        return e;
      }
    }

    @Test
    void aNoteWithoutLocationFailsTheReceiverAndLaterCallsDoNotTouchTheCancelledCall()
        throws Exception {
      reply(List.of(dev.routeguide.grpc.proto.RouteNote.newBuilder().setMessage("x").build()), null);
      NoteInbox inbox = new NoteInbox();
      try (RouteChat chat = client.routeChat(inbox)) {
        chat.send(RouteNote.at(HERE, "hello"));
        Throwable failure = failureOf(inbox);
        assertInvalidResponse(failure, "location must be set");
        assertThat(catchThrowable(() -> chat.send(RouteNote.at(HERE, "again")))).isSameAs(failure);
        // The client cancelled the call; completing must not half-close it (gRPC would throw).
        assertThat(catchThrowable(chat::complete)).isNull();
      }
    }

    @Test
    void aStreamThatErrorsHalfwayGivesItsNotesThenTheCoreFailure() throws Exception {
      dev.routeguide.grpc.proto.RouteNote earlier =
          dev.routeguide.grpc.proto.RouteNote.newBuilder()
              .setLocation(WIRE_HERE)
              .setMessage("earlier")
              .build();
      reply(List.of(earlier), Status.UNAVAILABLE.withDescription("subscription lost"));
      NoteInbox inbox = new NoteInbox();
      try (RouteChat chat = client.routeChat(inbox)) {
        chat.send(RouteNote.at(HERE, "hello"));
        assertThat(inbox.poll(WAIT)).contains(RouteNote.at(HERE, "earlier"));
        assertThat(failureOf(inbox))
            .isInstanceOf(UnavailableException.class)
            .hasMessage("subscription lost");
        assertThat(catchThrowable(chat::complete)).isNull();
      }
    }
  }
}
