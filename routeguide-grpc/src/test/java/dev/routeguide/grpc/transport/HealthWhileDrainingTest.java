package dev.routeguide.grpc.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.client.RouteGuideClient;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What an orchestrator's probes see: the whole server ({@code ""}) and {@code
 * routeguide.RouteGuide} turn {@code NOT_SERVING} as soon as draining begins, while a call in
 * flight still runs to its end.
 */
@DisplayName("health while draining")
class HealthWhileDrainingTest {

  @Test
  void bothNamesTurnNotServingWhileACallInFlightFinishes() throws Exception {
    String name = "drain-" + UUID.randomUUID();
    RouteGuideServer server =
        RouteGuideServer.builder(LocalRouteGuide.of(FeatureCatalogue.canonical()))
            .inProcess(name)
            .withHealth()
            .shutdownGrace(Duration.ofSeconds(20))
            .start();
    ManagedChannel channel = RouteGuideChannels.inProcess(name);
    Context.CancellableContext watches = Context.current().withCancellation();
    try (RouteGuideClient client = RouteGuideClient.over(channel)) {
      BlockingQueue<ServingStatus> overall = watch(channel, watches, "");
      BlockingQueue<ServingStatus> routeGuide = watch(channel, watches, "routeguide.RouteGuide");
      assertThat(overall.poll(10, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);
      assertThat(routeGuide.poll(10, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);
      NoteInbox inbox = new NoteInbox();
      RouteChat chat = client.routeChat(inbox);
      chat.send(new RouteNote(Point.ofE7(1, 1), "before the drain"));

      CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(server::shutdown);

      assertThat(overall.poll(10, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(routeGuide.poll(10, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(shutdown).as("draining waits for the open chat").isNotDone();
      chat.send(new RouteNote(Point.ofE7(1, 1), "during the drain"));
      chat.complete();
      assertThat(inbox.awaitAll(Duration.ofSeconds(10)))
          .extracting(RouteNote::message)
          .containsExactly("before the drain");
      watches.cancel(null); // the watches are the last calls in flight
      assertThat(shutdown.get(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      watches.cancel(null);
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.close();
    }
  }

  private static BlockingQueue<ServingStatus> watch(
      ManagedChannel channel, Context.CancellableContext context, String service) {
    BlockingQueue<ServingStatus> statuses = new LinkedBlockingQueue<>();
    context.run(
        () ->
            HealthGrpc.newStub(channel)
                .watch(
                    HealthCheckRequest.newBuilder().setService(service).build(),
                    new StreamObserver<>() {
                      @Override
                      public void onNext(HealthCheckResponse response) {
                        statuses.add(response.getStatus());
                      }

                      @Override
                      public void onError(Throwable t) {}

                      @Override
                      public void onCompleted() {}
                    }));
    return statuses;
  }
}
