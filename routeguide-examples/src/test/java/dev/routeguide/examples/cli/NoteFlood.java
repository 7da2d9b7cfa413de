package dev.routeguide.examples.cli;

import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.proto.RouteNote;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A RouteChat flood as a client that keeps to flow control would send it: several streams post
 * notes round-robin over many locations, each sending only while its call is ready, and read every
 * reply.
 */
final class NoteFlood {

  /** What the flood did: notes sent, and streams that ended with an error (say, a dead server). */
  record Result(int sent, int failedStreams, Duration took) {}

  private NoteFlood() {}

  /**
   * Posts {@code notes} notes of this message at {@code locations} locations (from latitude
   * 100,000 E7 up) over {@code streams} streams, and waits for every stream to end.
   *
   * @throws TimeoutException if the streams have not all ended within the timeout
   */
  static Result run(ManagedChannel channel, int streams, int notes, int locations, String message,
      Duration timeout) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<CompletableFuture<Void>> ended = new ArrayList<>();
    long started = System.nanoTime();
    RouteGuideGrpc.RouteGuideStub stub = RouteGuideGrpc.newStub(channel);
    for (int s = 0; s < streams; s++) {
      CompletableFuture<Void> end = new CompletableFuture<>();
      ended.add(end);
      stub.routeChat(new ClientResponseObserver<RouteNote, RouteNote>() {
        private ClientCallStreamObserver<RouteNote> requests;
        private boolean completed;

        @Override
        public void beforeStart(ClientCallStreamObserver<RouteNote> requestStream) {
          requests = requestStream;
          requestStream.setOnReadyHandler(this::sendWhileReady);
        }

        private void sendWhileReady() {
          while (!completed && requests.isReady()) {
            int n = next.getAndIncrement();
            if (n >= notes) {
              completed = true;
              requests.onCompleted();
              return;
            }
            Point at = Point.newBuilder().setLatitude(100_000 + n % locations)
                .setLongitude(100_000).build();
            requests.onNext(RouteNote.newBuilder().setLocation(at).setMessage(message).build());
          }
        }

        @Override
        public void onNext(RouteNote value) {}

        @Override
        public void onError(Throwable t) {
          failed.incrementAndGet();
          end.complete(null);
        }

        @Override
        public void onCompleted() {
          end.complete(null);
        }
      });
    }
    CompletableFuture.allOf(ended.toArray(CompletableFuture[]::new))
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return new Result(Math.min(next.get(), notes), failed.get(),
        Duration.ofNanos(System.nanoTime() - started));
  }
}
