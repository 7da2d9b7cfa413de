package dev.routeguide.grpc;

import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.RouteNote;

/** Wire messages built directly, including ones our own types could never produce. */
final class WireValues {

  private WireValues() {}

  static Point point(int latitude, int longitude) {
    return Point.newBuilder().setLatitude(latitude).setLongitude(longitude).build();
  }

  static RouteNote note(Point location, String message) {
    return RouteNote.newBuilder().setLocation(location).setMessage(message).build();
  }
}
