package dev.routeguide.grpc;

import static dev.routeguide.grpc.WireValues.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.features.FeatureCursor;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.RouteSummary;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProtoMapperTest {

  @Nested
  @DisplayName("toProto(FeatureCursor)")
  class FeaturesReadInPlace {

    @Test
    void buildsTheSameMessageAsTheFeatureForEveryKindOfName() throws Exception {
      List<Feature> input = List.of(
          Feature.named("Mount Washington", Point.ofE7(442705000, -713032000)),
          Feature.named("Café Müller, Zürich", Point.ofE7(473769000, 85417000)),
          Feature.named("東京タワー", Point.ofE7(356586000, 1397454000)),
          Feature.named("𝄞 clef, 🗽 statue", Point.ofE7(-900000000, -1800000000)),
          Feature.named("lone high \uD83D surrogate", Point.ofE7(900000000, 1800000000)),
          Feature.named("x", Point.ofE7(0, 0)),
          Feature.unnamed(Point.ofE7(1, 1)));
      FeatureCursor cursor = FeatureCatalogue.of(input).cursorWithin(Rectangle.world());
      int read = 0;
      while (cursor.advance()) {
        dev.routeguide.grpc.proto.Feature inPlace = ProtoMapper.toProto(cursor);
        dev.routeguide.grpc.proto.Feature expected = ProtoMapper.toProto(cursor.feature());
        assertThat(inPlace).isEqualTo(expected);
        assertThat(inPlace.getName()).isEqualTo(cursor.feature().name());
        if (cursor.nameInUtf8()) { // protobuf cannot serialise a lone surrogate exactly anyway
          assertThat(inPlace.toByteArray()).isEqualTo(expected.toByteArray());
          assertThat(dev.routeguide.grpc.proto.Feature.parseFrom(inPlace.toByteArray()))
              .isEqualTo(dev.routeguide.grpc.proto.Feature.parseFrom(expected.toByteArray()));
        }
        read++;
      }
      assertThat(read).isEqualTo(6); // the unnamed entry is not a feature
    }

    @Test
    void rejectsACursorThatIsNotAtAFeature() {
      FeatureCursor cursor = FeatureCatalogue.empty().cursorWithin(Rectangle.world());
      assertThat(cursor.advance()).isFalse();

      assertThatThrownBy(() -> ProtoMapper.toProto(cursor))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> ProtoMapper.toProto((FeatureCursor) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("cursor");
    }
  }

  @Nested
  @DisplayName("round trips")
  class RoundTrips {

    @Test
    void pointsSurviveEncodingAndDecodingAcrossTheWholeRange() {
      Random random = new Random(20261124);
      for (int i = 0; i < 10_000; i++) {
        Point point =
            Point.ofE7(
                (int) random.longs(1, -Point.MAX_LATITUDE_E7, Point.MAX_LATITUDE_E7 + 1L)
                    .sum(),
                (int) random.longs(1, -Point.MAX_LONGITUDE_E7, Point.MAX_LONGITUDE_E7 + 1L)
                    .sum());
        assertThat(ProtoMapper.fromProto(ProtoMapper.toProto(point))).isEqualTo(point);
      }
    }

    @Test
    void rectanglesAreSentAsSouthWestAndNorthEastCorners() {
      Rectangle area = Rectangle.spanning(Point.ofE7(20, -10), Point.ofE7(10, 30));
      dev.routeguide.grpc.proto.Rectangle message = ProtoMapper.toProto(area);
      assertThat(message.getLo()).isEqualTo(point(10, -10));
      assertThat(message.getHi()).isEqualTo(point(20, 30));
      assertThat(ProtoMapper.fromProto(message)).isEqualTo(area);
    }

    @Test
    void featuresNotesAndSummariesSurvive() {
      Feature named = Feature.named("Mount Washington", Point.ofE7(442705000, -713032000));
      Feature unnamed = Feature.unnamed(Point.ofE7(0, 0));
      RouteNote note = RouteNote.at(Point.ofE7(1, 2), "héllo");
      RouteSummary summary = new RouteSummary(5, 2, 1234, Integer.MAX_VALUE);
      assertThat(ProtoMapper.fromProto(ProtoMapper.toProto(named))).isEqualTo(named);
      assertThat(ProtoMapper.fromProto(ProtoMapper.toProto(unnamed))).isEqualTo(unnamed);
      assertThat(ProtoMapper.fromProto(ProtoMapper.toProto(note))).isEqualTo(note);
      assertThat(ProtoMapper.fromProto(ProtoMapper.toProto(summary))).isEqualTo(summary);
    }

    @Test
    void setsEveryMessageFieldEvenForTheOrigin() {
      assertThat(ProtoMapper.toProto(Feature.unnamed(Point.ofE7(0, 0))).hasLocation()).isTrue();
      assertThat(ProtoMapper.toProto(RouteNote.at(Point.ofE7(0, 0), "")).hasLocation()).isTrue();
    }
  }

  @Nested
  @DisplayName("decoding bad input")
  class Decoding {

    @Test
    void takesAnEmptyTopLevelPointAsTheOrigin() {
      assertThat(ProtoMapper.fromProto(dev.routeguide.grpc.proto.Point.getDefaultInstance()))
          .isEqualTo(Point.ofE7(0, 0));
    }

    @Test
    void namesTheCoordinateOfATopLevelPoint() {
      assertThatThrownBy(() -> ProtoMapper.fromProto(point(900_000_001, 0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("latitude must be within [-90, 90] degrees")
          .hasMessageContaining("got 900000001");
      assertThatThrownBy(() -> ProtoMapper.fromProto(point(0, Integer.MIN_VALUE)))
          .hasMessageStartingWith("longitude must be within [-180, 180] degrees");
    }

    @Test
    void namesAMissingRectangleCorner() {
      assertThatThrownBy(
              () ->
                  ProtoMapper.fromProto(
                      dev.routeguide.grpc.proto.Rectangle.newBuilder().setHi(point(1, 1)).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("lo must be set");
      assertThatThrownBy(
              () ->
                  ProtoMapper.fromProto(
                      dev.routeguide.grpc.proto.Rectangle.newBuilder().setLo(point(1, 1)).build()))
          .hasMessage("hi must be set");
    }

    @Test
    void acceptsPresentButEmptyCornersAsTheOrigin() {
      dev.routeguide.grpc.proto.Rectangle message =
          dev.routeguide.grpc.proto.Rectangle.newBuilder()
              .setLo(dev.routeguide.grpc.proto.Point.getDefaultInstance())
              .setHi(point(5, 5))
              .build();
      assertThat(ProtoMapper.fromProto(message))
          .isEqualTo(Rectangle.spanning(Point.ofE7(0, 0), Point.ofE7(5, 5)));
    }

    @Test
    void namesThePathToAnOutOfRangeCorner() {
      assertThatThrownBy(
              () ->
                  ProtoMapper.fromProto(
                      dev.routeguide.grpc.proto.Rectangle.newBuilder()
                          .setLo(point(0, 0))
                          .setHi(point(0, 1_800_000_001))
                          .build()))
          .hasMessageStartingWith("hi.longitude must be within");
    }

    @Test
    void namesAMissingOrOutOfRangeNoteLocation() {
      assertThatThrownBy(
              () ->
                  ProtoMapper.fromProto(
                      dev.routeguide.grpc.proto.RouteNote.newBuilder().setMessage("x").build()))
          .hasMessage("location must be set");
      assertThatThrownBy(
              () -> ProtoMapper.fromProto(WireValues.note(point(-900_000_001, 0), "x")))
          .hasMessageStartingWith("location.latitude must be within");
    }

    @Test
    void namesAMissingFeatureLocation() {
      assertThatThrownBy(
              () ->
                  ProtoMapper.fromProto(
                      dev.routeguide.grpc.proto.Feature.newBuilder().setName("x").build()))
          .hasMessage("location must be set");
    }

    @Test
    void readsANegativeDistanceFromAServerWhoseSumWrappedAsSaturated() {
      RouteSummary summary =
          ProtoMapper.fromProto(
              dev.routeguide.grpc.proto.RouteSummary.newBuilder()
                  .setPointCount(3)
                  .setDistance(-5)
                  .build());
      assertThat(summary.distanceMeters()).isEqualTo(Integer.MAX_VALUE);
      assertThat(summary.pointCount()).isEqualTo(3);
    }

    @Test
    void rejectsANegativeCount() {
      assertThatThrownBy(
              () ->
                  ProtoMapper.fromProto(
                      dev.routeguide.grpc.proto.RouteSummary.newBuilder()
                          .setPointCount(-3)
                          .build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("RouteSummary: pointCount must not be negative");
    }
  }
}
