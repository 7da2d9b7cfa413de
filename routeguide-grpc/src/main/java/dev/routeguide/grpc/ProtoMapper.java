package dev.routeguide.grpc;

import com.google.protobuf.UnsafeByteOperations;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCursor;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.RouteSummary;
import java.util.Objects;

/**
 * The one place where RouteGuide wire messages ({@code dev.routeguide.grpc.proto}) become core
 * values and back. It holds no domain rule: the core records validate, and this class only says
 * which wire field a failure is about.
 *
 * <p>Decoding throws {@link IllegalArgumentException} whose message starts with the field path,
 * e.g. {@code "lo.latitude must be within [-90, 90] degrees ..."} or {@code "location must be
 * set"}. Proto3 cannot tell an absent {@code Point} from (0, 0) except for message fields, so:
 *
 * <ul>
 *   <li>a top-level {@code Point} (the GetFeature request, each RecordRoute point) is taken as
 *       sent: an empty message is the valid point (0, 0);
 *   <li>a {@code Point} field inside another message ({@code Rectangle.lo}, {@code Rectangle.hi},
 *       {@code RouteNote.location}, {@code Feature.location}) must be present; a present but empty
 *       one is (0, 0).
 * </ul>
 *
 * <p>Encoding always succeeds, and sets every field. A null argument raises {@link
 * NullPointerException} naming it. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class ProtoMapper {

  private ProtoMapper() {}

  /**
   * Decodes a top-level point, such as the GetFeature request.
   *
   * @throws IllegalArgumentException if a coordinate is out of range; the message starts with
   *     {@code latitude} or {@code longitude}
   */
  public static Point fromProto(dev.routeguide.grpc.proto.Point message) {
    Objects.requireNonNull(message, "message");
    return point(message, "");
  }

  /**
   * Decodes a rectangle from its two corners, in either order.
   *
   * @throws IllegalArgumentException if {@code lo} or {@code hi} is absent or out of range; the
   *     message starts with {@code lo} or {@code hi}
   */
  public static Rectangle fromProto(dev.routeguide.grpc.proto.Rectangle message) {
    Objects.requireNonNull(message, "message");
    Point lo = requiredPoint(message.hasLo(), message.getLo(), "lo");
    Point hi = requiredPoint(message.hasHi(), message.getHi(), "hi");
    return Rectangle.spanning(lo, hi);
  }

  /**
   * Decodes a feature; an empty name is the "no feature here" answer.
   *
   * @throws IllegalArgumentException if {@code location} is absent or out of range
   */
  public static Feature fromProto(dev.routeguide.grpc.proto.Feature message) {
    Objects.requireNonNull(message, "message");
    return Feature.named(
        message.getName(), requiredPoint(message.hasLocation(), message.getLocation(), "location"));
  }

  /**
   * Decodes a chat note.
   *
   * @throws IllegalArgumentException if {@code location} is absent or out of range
   */
  public static RouteNote fromProto(dev.routeguide.grpc.proto.RouteNote message) {
    Objects.requireNonNull(message, "message");
    return RouteNote.at(
        requiredPoint(message.hasLocation(), message.getLocation(), "location"),
        message.getMessage());
  }

  /**
   * Decodes a route summary. A negative {@code distance} is read as {@link Integer#MAX_VALUE}:
   * reference servers (grpc-java, Go) sum metres in an {@code int32} that wraps negative on very
   * long routes, and saturating is what this library would have answered.
   *
   * @throws IllegalArgumentException if a count is negative or {@code feature_count} exceeds
   *     {@code point_count}
   */
  public static RouteSummary fromProto(dev.routeguide.grpc.proto.RouteSummary message) {
    Objects.requireNonNull(message, "message");
    try {
      return new RouteSummary(
          message.getPointCount(),
          message.getFeatureCount(),
          message.getDistance() < 0 ? Integer.MAX_VALUE : message.getDistance(),
          message.getElapsedTime());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("RouteSummary: " + e.getMessage(), e);
    }
  }

  /** Encodes a point. */
  public static dev.routeguide.grpc.proto.Point toProto(Point point) {
    Objects.requireNonNull(point, "point");
    return dev.routeguide.grpc.proto.Point.newBuilder()
        .setLatitude(point.latitudeE7())
        .setLongitude(point.longitudeE7())
        .build();
  }

  /** Encodes a rectangle as its south-west ({@code lo}) and north-east ({@code hi}) corners. */
  public static dev.routeguide.grpc.proto.Rectangle toProto(Rectangle rectangle) {
    Objects.requireNonNull(rectangle, "rectangle");
    return dev.routeguide.grpc.proto.Rectangle.newBuilder()
        .setLo(toProto(rectangle.southWest()))
        .setHi(toProto(rectangle.northEast()))
        .build();
  }

  /** Encodes a feature, named or not. */
  public static dev.routeguide.grpc.proto.Feature toProto(Feature feature) {
    Objects.requireNonNull(feature, "feature");
    return dev.routeguide.grpc.proto.Feature.newBuilder()
        .setName(feature.name())
        .setLocation(toProto(feature.location()))
        .build();
  }

  /**
   * Encodes the feature a cursor is at, equal to {@code toProto(cursor.feature())} but without
   * creating it: the name's UTF-8 copy ({@link FeatureCursor#nameUtf8()}, owned by the message
   * alone) is wrapped as it is, never decoded to a {@code String} or encoded again, and a name not
   * held as UTF-8 is taken from the feature.
   *
   * @throws IllegalStateException if the cursor is not at a feature
   * @since 0.2.0
   */
  public static dev.routeguide.grpc.proto.Feature toProto(FeatureCursor cursor) {
    Objects.requireNonNull(cursor, "cursor");
    if (!cursor.nameInUtf8()) {
      return toProto(cursor.feature());
    }
    return dev.routeguide.grpc.proto.Feature.newBuilder()
        .setNameBytes(UnsafeByteOperations.unsafeWrap(cursor.nameUtf8()))
        .setLocation(dev.routeguide.grpc.proto.Point.newBuilder()
            .setLatitude(cursor.latitudeE7())
            .setLongitude(cursor.longitudeE7()))
        .build();
  }

  /** Encodes a chat note. */
  public static dev.routeguide.grpc.proto.RouteNote toProto(RouteNote note) {
    Objects.requireNonNull(note, "note");
    return dev.routeguide.grpc.proto.RouteNote.newBuilder()
        .setLocation(toProto(note.location()))
        .setMessage(note.message())
        .build();
  }

  /** Encodes a route summary. */
  public static dev.routeguide.grpc.proto.RouteSummary toProto(RouteSummary summary) {
    Objects.requireNonNull(summary, "summary");
    return dev.routeguide.grpc.proto.RouteSummary.newBuilder()
        .setPointCount(summary.pointCount())
        .setFeatureCount(summary.featureCount())
        .setDistance(summary.distanceMeters())
        .setElapsedTime(summary.elapsedSeconds())
        .build();
  }

  private static Point requiredPoint(
      boolean present, dev.routeguide.grpc.proto.Point message, String field) {
    if (!present) {
      throw new IllegalArgumentException(field + " must be set");
    }
    return point(message, field + ".");
  }

  private static Point point(dev.routeguide.grpc.proto.Point message, String prefix) {
    try {
      return Point.ofE7(message.getLatitude(), message.getLongitude());
    } catch (IllegalArgumentException e) {
      // The core names the coordinate ("latitude must be ..."); prefix the path to it.
      throw new IllegalArgumentException(prefix + e.getMessage(), e);
    }
  }
}
