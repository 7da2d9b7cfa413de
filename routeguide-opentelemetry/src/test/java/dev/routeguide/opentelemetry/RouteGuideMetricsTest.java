package dev.routeguide.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.MonotonicClock;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RouteGuideMetrics")
class RouteGuideMetricsTest {

  private static final Point BERKSHIRE_VALLEY = Point.ofE7(409_146_138, -746_188_906);
  private static final Point UNNAMED_ENTRY = Point.ofE7(407_113_723, -749_746_483);
  private static final Rectangle EVERYWHERE =
      Rectangle.spanning(Point.ofE7(-900_000_000, -1_800_000_000), Point.ofE7(900_000_000, 1_800_000_000));

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
          .build();
  private final RouteGuideMetrics metrics = RouteGuideMetrics.of(sdk);
  private final InMemoryNoteBoard board =
      new InMemoryNoteBoard(new NoteBoardLimits(2, 2, 10), metrics);
  private final LocalRouteGuide guide =
      new LocalRouteGuide(
          FeatureCatalogue.canonical(), board, MonotonicClock.startingNow(), metrics);

  @AfterEach
  void closeSdk() {
    metrics.close();
    sdk.close();
  }

  @Nested
  @DisplayName("GetFeature")
  class GetFeature {
    @Test
    void countsHitsAndMissesApart() {
      guide.getFeature(BERKSHIRE_VALLEY);
      guide.getFeature(BERKSHIRE_VALLEY);
      guide.getFeature(UNNAMED_ENTRY);

      Collection<MetricData> data = reader.collectAllMetrics();
      assertThat(sum(data, "routeguide.features.lookups", Attributes.of(RouteGuideMetrics.RESULT, "hit")))
          .contains(2L);
      assertThat(sum(data, "routeguide.features.lookups", Attributes.of(RouteGuideMetrics.RESULT, "miss")))
          .contains(1L);
    }
  }

  @Nested
  @DisplayName("ListFeatures")
  class ListFeatures {
    @Test
    void countsFeaturesHandedOutByExhaustedAndClosedStreams() {
      try (FeatureStream all = guide.listFeatures(EVERYWHERE)) {
        all.forEachRemaining(feature -> {});
      }
      try (FeatureStream some = guide.listFeatures(EVERYWHERE)) {
        some.next();
        some.next();
        some.next();
      }

      assertThat(sum(reader.collectAllMetrics(), "routeguide.features.streamed", Attributes.empty()))
          .contains(64L + 3L);
    }

    @Test
    void countsAStreamOnceEvenWhenClosedAfterItsEnd() {
      FeatureStream stream = guide.listFeatures(Rectangle.spanning(BERKSHIRE_VALLEY, BERKSHIRE_VALLEY));
      stream.next();
      assertThat(stream.hasNext()).isFalse();
      stream.close();
      stream.close();

      assertThat(sum(reader.collectAllMetrics(), "routeguide.features.streamed", Attributes.empty()))
          .contains(1L);
    }
  }

  @Nested
  @DisplayName("RecordRoute")
  class RecordRoute {
    @Test
    void countsPointsOfFinishedAndCancelledRecordings() {
      guide.recordRoute(List.of(BERKSHIRE_VALLEY, UNNAMED_ENTRY, BERKSHIRE_VALLEY, UNNAMED_ENTRY));
      RouteRecording cancelled = guide.recordRoute();
      cancelled.send(BERKSHIRE_VALLEY);
      cancelled.send(UNNAMED_ENTRY);
      cancelled.cancel();
      cancelled.cancel();

      assertThat(sum(reader.collectAllMetrics(), "routeguide.route.points", Attributes.empty()))
          .contains(6L);
    }
  }

  @Nested
  @DisplayName("RouteChat and the note board")
  class RouteChatAndBoard {
    private final Point p1 = Point.ofE7(1, 1);
    private final Point p2 = Point.ofE7(2, 2);
    private final Point p3 = Point.ofE7(3, 3);

    @Test
    void countsStoredRefusedAndEvictedNotesAndOpenChats() {
      metrics.observeLocationsHeld(board::locationCount);
      RouteChat first = guide.routeChat(new IgnoringReceiver());
      RouteChat second = guide.routeChat(new IgnoringReceiver());
      RouteChat third = guide.routeChat(new IgnoringReceiver());
      first.send(new RouteNote(p1, "a"));
      first.send(new RouteNote(p1, "b"));
      first.send(new RouteNote(p1, "c")); // drops "a": two notes per location
      first.send(new RouteNote(p2, "d"));
      first.send(new RouteNote(p3, "e")); // evicts p1 with "b" and "c": two locations
      first.complete();
      assertThatThrownBy(() -> second.send(new RouteNote(p2, "far too long")))
          .isInstanceOf(InvalidArgumentException.class);

      Collection<MetricData> data = reader.collectAllMetrics();
      assertThat(sum(data, "routeguide.notes.stored", Attributes.empty())).contains(5L);
      assertThat(sum(data, "routeguide.notes.refused", reason("message_too_long"))).contains(1L);
      assertThat(sum(data, "routeguide.notes.evicted", reason("per_location_cap"))).contains(1L);
      assertThat(sum(data, "routeguide.notes.evicted", reason("location_cap"))).contains(2L);
      assertThat(sum(data, "routeguide.chats.open", Attributes.empty()))
          .as("the third chat is still open")
          .contains(1L);
      assertThat(gauge(data, "routeguide.notes.locations")).contains(2L);

      third.close();
      assertThat(sum(reader.collectAllMetrics(), "routeguide.chats.open", Attributes.empty()))
          .contains(0L);
    }

    @Test
    void reportsTheBytesTheBoardHolds() {
      metrics.observeBytesHeld(board::bytesHeld);
      RouteChat chat = guide.routeChat(new IgnoringReceiver());
      chat.send(new RouteNote(p1, "a"));
      chat.send(new RouteNote(p2, "bb"));

      assertThat(gauge(reader.collectAllMetrics(), "routeguide.notes.bytes"))
          .contains(board.bytesHeld())
          .hasValueSatisfying(bytes -> assertThat(bytes).isPositive());
    }

    @Test
    void countsNotesDeliveredLiveToAnotherChat() {
      LocalRouteGuide live = guide.withLiveChat(true);
      List<RouteNote> received = new java.util.concurrent.CopyOnWriteArrayList<>();
      RouteChat follower = live.routeChat(new IgnoringReceiver() {
        @Override
        public void onNote(RouteNote note) {
          received.add(note);
        }
      });
      RouteChat poster = live.routeChat(new IgnoringReceiver());
      follower.send(new RouteNote(p1, "first"));
      poster.send(new RouteNote(p1, "second"));

      assertThat(received).extracting(RouteNote::message).containsExactly("second");
      assertThat(sum(reader.collectAllMetrics(), "routeguide.notes.live.delivered", Attributes.empty()))
          .contains(1L);
      follower.complete();
      poster.complete();
    }

    @Test
    void stopsReportingGaugesOnceClosed() {
      metrics.observeLocationsHeld(board::locationCount).observeBytesHeld(() -> 42);
      assertThat(gauge(reader.collectAllMetrics(), "routeguide.notes.bytes")).contains(42L);

      metrics.close();
      assertThat(gauge(reader.collectAllMetrics(), "routeguide.notes.bytes")).isEmpty();
    }

    private Attributes reason(String reason) {
      return Attributes.of(RouteGuideMetrics.REASON, reason);
    }
  }

  static Optional<Long> sum(Collection<MetricData> data, String name, Attributes attributes) {
    return data.stream()
        .filter(metric -> metric.getName().equals(name))
        .flatMap(metric -> metric.getLongSumData().getPoints().stream())
        .filter(point -> point.getAttributes().equals(attributes))
        .map(LongPointData::getValue)
        .findFirst();
  }

  static Optional<Long> gauge(Collection<MetricData> data, String name) {
    return data.stream()
        .filter(metric -> metric.getName().equals(name))
        .flatMap(metric -> metric.getLongGaugeData().getPoints().stream())
        .map(LongPointData::getValue)
        .findFirst();
  }

  private static class IgnoringReceiver implements NoteReceiver {
    @Override
    public void onNote(RouteNote note) {}

    @Override
    public void onCompleted() {}

    @Override
    public void onError(Throwable error) {}
  }
}
