package dev.routeguide.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.UnavailableException;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.MonotonicClock;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.grpc.client.RouteGuideStatusException;
import dev.routeguide.grpc.transport.RouteGuideServer;
import dev.routeguide.redis.testing.RedisServerExtension;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two RouteGuide servers over TCP, each with its own RedisNoteBoard, on one Redis. */
class ReplicasOverGrpcTest {

  @RegisterExtension final RedisServerExtension redis = new RedisServerExtension();

  private static final FeatureCatalogue CATALOGUE = FeatureCatalogue.canonical();
  private static final Point FEATURE = Point.ofE7(409146138, -746188906);
  private static final Point HERE = Point.ofE7(1, 2);

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeNewestFirst() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private <T extends AutoCloseable> T closing(T resource) {
    resources.add(resource);
    return resource;
  }

  private RouteGuideServer replica() throws IOException {
    return replica(false);
  }

  private RouteGuideServer replica(boolean liveChat) throws IOException {
    RedisNoteBoard board = closing(RedisNoteBoard.builder(redis.uri()).connect());
    return closing(
        RouteGuideServer.builder(
                new LocalRouteGuide(CATALOGUE, board, MonotonicClock.startingNow())
                    .withLiveChat(liveChat))
            .tcp("127.0.0.1", 0)
            .withHealth()
            .start());
  }

  private RouteGuideClient client(RouteGuideServer server) {
    return closing(RouteGuideClient.connect(server.target()));
  }

  @Test
  void aChatOnOneReplicaGetsTheNotesPostedThroughTheOther() throws Exception {
    RouteGuideClient onA = client(replica());
    RouteGuideClient onB = client(replica());

    ChatInbox first = new ChatInbox();
    try (RouteChat chat = onB.routeChat(first)) {
      chat.send(RouteNote.at(HERE, "posted through B"));
      chat.complete();
      assertThat(first.awaitEnd(Duration.ofSeconds(5))).isNull();
    }
    ChatInbox second = new ChatInbox();
    try (RouteChat chat = onA.routeChat(second)) {
      chat.send(RouteNote.at(HERE, "posted through A"));
      chat.complete();
      assertThat(second.awaitEnd(Duration.ofSeconds(5))).isNull();
    }

    assertThat(second.messages()).containsExactly("posted through B");
  }

  @Test
  void withLiveChatAnOpenCallOnOneReplicaReceivesANotePostedThroughTheOtherWithinASecond()
      throws Exception {
    RouteGuideClient onA = client(replica(true));
    RouteGuideClient onB = client(replica(true));
    ChatInbox open = new ChatInbox();
    RouteChat listening = closing(onA.routeChat(open));
    listening.send(RouteNote.at(HERE, "waiting on A"));
    ChatInbox posting = new ChatInbox();
    try (RouteChat chat = onB.routeChat(posting)) {
      // The reply on B (A's note) proves A's post, and with it A's subscription, is in Redis.
      chat.send(RouteNote.at(HERE, "posted through B"));
      assertThat(posting.awaitMessages(1, Duration.ofSeconds(5))).containsExactly("waiting on A");

      assertThat(open.awaitMessages(1, Duration.ofSeconds(1))).containsExactly("posted through B");
    }
  }

  @Nested
  class WhenRedisStops {

    @Test
    void endsTheChatWithUnavailableNamingTheNoteStoreWhileTheOtherRpcsAnswer() throws Exception {
      RouteGuideServer server = replica();
      RouteGuideClient client = client(server);
      ChatInbox inbox = new ChatInbox();
      RouteChat chat = closing(client.routeChat(inbox));
      chat.send(RouteNote.at(HERE, "before"));
      chat.send(RouteNote.at(HERE, "reply to this"));
      inbox.awaitMessages(1, Duration.ofSeconds(5));

      redis.server().stop();
      chat.send(RouteNote.at(HERE, "during the outage"));

      Throwable end = inbox.awaitEnd(Duration.ofSeconds(5));
      assertThat(end)
          .isInstanceOf(UnavailableException.class)
          .hasMessageStartingWith("RouteChat note store unavailable: Redis at");
      assertThat(RouteGuideStatusException.statusOf(end).orElseThrow().getCode())
          .isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(client.getFeature(FEATURE).name()).isNotEmpty();
      try (var features = client.listFeatures(Rectangle.spanning(FEATURE, FEATURE))) {
        assertThat(features.hasNext()).isTrue();
      }
      assertThat(client.recordRoute(Stream.of(FEATURE, FEATURE)).pointCount()).isEqualTo(2);
      // Readiness and liveness alike: a shared store's outage must not take every replica out.
      assertThat(health(server, "")).isEqualTo(ServingStatus.SERVING);
      assertThat(health(server, "routeguide.RouteGuide")).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void answersANewChatOnceRedisIsBackWithoutARestart() throws Exception {
      RouteGuideServer server = replica();
      RouteGuideClient client = client(server);
      redis.server().stop();
      ChatInbox failed = new ChatInbox();
      try (RouteChat chat = client.routeChat(failed)) {
        chat.send(RouteNote.at(HERE, "lost"));
        assertThat(failed.awaitEnd(Duration.ofSeconds(5)))
            .isInstanceOf(UnavailableException.class);
      }

      redis.server().restart();

      LiveNotes.await(() -> chatWorks(client), Duration.ofSeconds(10), "a new chat works");
    }

    private boolean chatWorks(RouteGuideClient client) {
      ChatInbox inbox = new ChatInbox();
      try (RouteChat chat = client.routeChat(inbox)) {
        chat.send(RouteNote.at(HERE, "back"));
        chat.complete();
        return inbox.awaitEnd(Duration.ofSeconds(5)) == null;
      } catch (Exception e) {
        return false;
      }
    }

    private ServingStatus health(RouteGuideServer server, String service)
        throws InterruptedException {
      ManagedChannel channel =
          NettyChannelBuilder.forTarget(server.target()).usePlaintext().build();
      try {
        return HealthGrpc.newBlockingStub(channel)
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .check(HealthCheckRequest.newBuilder().setService(service).build())
            .getStatus();
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
