package dev.routeguide.testing.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.UnavailableException;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InProcessRouteGuideTest {

  private static final Point BERKSHIRE_VALLEY = Point.ofE7(409146138, -746188906);

  @Test
  void servesTheCanonicalCatalogueByDefault() {
    try (InProcessRouteGuide routeGuide = InProcessRouteGuide.start()) {
      assertThat(routeGuide.client().getFeature(BERKSHIRE_VALLEY).name())
          .isEqualTo("Berkshire Valley Management Area Trail, Jefferson, NJ, USA");
    }
  }

  @Test
  void servesTheGivenBackendToTheClientAndToStubsOnTheChannel() {
    Point here = Point.ofE7(10, 20);
    LocalRouteGuide backend =
        LocalRouteGuide.of(FeatureCatalogue.of(List.of(Feature.named("Here", here))));

    try (InProcessRouteGuide routeGuide = InProcessRouteGuide.start(backend)) {
      assertThat(routeGuide.backend()).isSameAs(backend);
      assertThat(routeGuide.client().getFeature(here).name()).isEqualTo("Here");
      assertThat(
              RouteGuideGrpc.newBlockingStub(routeGuide.channel())
                  .getFeature(
                      dev.routeguide.grpc.proto.Point.newBuilder()
                          .setLatitude(10)
                          .setLongitude(20)
                          .build())
                  .getName())
          .isEqualTo("Here");
    }
  }

  @Test
  void registersEachServerUnderItsOwnName() {
    try (InProcessRouteGuide first = InProcessRouteGuide.start();
        InProcessRouteGuide second = InProcessRouteGuide.start()) {
      assertThat(first.serverName()).isNotEqualTo(second.serverName());
    }
  }

  @Test
  void worksOnTheDirectExecutor() {
    try (InProcessRouteGuide routeGuide =
        InProcessRouteGuide.builder().directExecutor(true).start()) {
      assertThat(routeGuide.client().getFeature(BERKSHIRE_VALLEY).isNamed()).isTrue();
    }
  }

  @Nested
  class Close {

    @Test
    void terminatesTheChannelAndTheServer() {
      InProcessRouteGuide routeGuide = InProcessRouteGuide.start();
      routeGuide.close();

      assertThat(routeGuide.channel().isTerminated()).isTrue();
      assertThatThrownBy(() -> routeGuide.client().getFeature(BERKSHIRE_VALLEY))
          .isInstanceOf(UnavailableException.class);
    }

    @Test
    void isIdempotent() {
      InProcessRouteGuide routeGuide = InProcessRouteGuide.start();
      routeGuide.close();
      routeGuide.close();
      routeGuide.closeNow();

      assertThat(routeGuide.channel().isTerminated()).isTrue();
    }

    @Test
    void failsAndForcesShutdownWhenACallIsLeftOpen() throws Exception {
      InProcessRouteGuide routeGuide =
          InProcessRouteGuide.builder().shutdownTimeout(Duration.ofMillis(200)).start();
      NoteInbox inbox = new NoteInbox();
      RouteChat leaked = routeGuide.client().routeChat(inbox);
      leaked.send(RouteNote.at(BERKSHIRE_VALLEY, "never completed"));

      assertThatThrownBy(routeGuide::close)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("did not terminate within PT0.2S")
          .hasMessageContaining("left open");
      assertThat(routeGuide.channel().isTerminated()).isTrue();
    }

    @Test
    void closeNowCancelsOpenCallsWithoutWaiting() throws Exception {
      InProcessRouteGuide routeGuide =
          InProcessRouteGuide.builder().shutdownTimeout(Duration.ofSeconds(30)).start();
      RouteChat open = routeGuide.client().routeChat(new NoteInbox());
      open.send(RouteNote.at(BERKSHIRE_VALLEY, "still open"));

      long start = System.nanoTime();
      routeGuide.closeNow();

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(routeGuide.channel().isTerminated()).isTrue();
    }
  }

  @Test
  void rejectsANonPositiveShutdownTimeout() {
    assertThatThrownBy(() -> InProcessRouteGuide.builder().shutdownTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shutdownTimeout");
  }
}
