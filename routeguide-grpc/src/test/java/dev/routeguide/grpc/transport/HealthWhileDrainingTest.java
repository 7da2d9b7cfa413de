package dev.routeguide.grpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.client.RouteGuideClient;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
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
      BlockingQueue<ServingStatus> overall = HealthWatch.statuses(channel, watches, "");
      BlockingQueue<ServingStatus> routeGuide =
          HealthWatch.statuses(channel, watches, "routeguide.RouteGuide");
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

  @Test
  void answersNewChecksNotServingAndServesNewCallsThroughTheDrainPeriodThenRefusesThem()
      throws Exception {
    String name = "drain-" + UUID.randomUUID();
    Duration drainPeriod = Duration.ofSeconds(3);
    RouteGuideServer server =
        RouteGuideServer.builder(LocalRouteGuide.of(FeatureCatalogue.canonical()))
            .inProcess(name)
            .withHealth()
            .drainPeriod(drainPeriod)
            .shutdownGrace(Duration.ofSeconds(20))
            .start();
    ManagedChannel channel = RouteGuideChannels.inProcess(name);
    try (RouteGuideClient client = RouteGuideClient.over(channel)) {
      NoteInbox inbox = new NoteInbox();
      RouteChat chat = client.routeChat(inbox);
      chat.send(new RouteNote(Point.ofE7(2, 2), "in flight"));
      assertThat(check(channel, "")).isEqualTo(ServingStatus.SERVING);

      long began = System.nanoTime();
      CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(server::shutdown);
      awaitStatus(channel, "", ServingStatus.NOT_SERVING);

      assertThat(check(channel, "routeguide.RouteGuide")).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(server.isShutdown()).isTrue();
      assertThat(client.getFeature(Point.ofE7(409_146_138, -746_188_906)).name())
          .as("a new call during the drain")
          .isEqualTo("Berkshire Valley Management Area Trail, Jefferson, NJ, USA");
      assertThat(shutdown).as("still draining").isNotDone();
      chat.send(new RouteNote(Point.ofE7(2, 2), "during the drain"));
      chat.complete();
      assertThat(inbox.awaitAll(Duration.ofSeconds(10)))
          .extracting(RouteNote::message)
          .containsExactly("in flight");

      assertThat(shutdown.get(20, TimeUnit.SECONDS)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(drainPeriod);
      assertThatThrownBy(() -> check(channel, ""))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.close();
    }
  }

  private static ServingStatus check(ManagedChannel channel, String service) {
    return HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  /** Asks again until the service reports the status, failing after 10 seconds. */
  private static void awaitStatus(ManagedChannel channel, String service, ServingStatus status)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    ServingStatus last;
    while ((last = check(channel, service)) != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "health of \"" + service + "\" was still " + last + " after 10 s, not " + status);
      }
      TimeUnit.MILLISECONDS.sleep(5); // re-check interval while awaiting the status
    }
  }
}
