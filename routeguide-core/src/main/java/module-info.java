/**
 * The RouteGuide domain: the feature catalogue, points and rectangles, route summaries, the note
 * board and {@link dev.routeguide.core.RouteGuide}, with no gRPC, protobuf or store in sight. Beyond
 * the JDK's logging it needs only Jackson's streaming parser, to read the feature database's JSON.
 */
module dev.routeguide.core {
  requires com.fasterxml.jackson.core;
  requires java.logging;

  exports dev.routeguide.core;
  exports dev.routeguide.core.features;
  exports dev.routeguide.core.geo;
  exports dev.routeguide.core.notes;
  exports dev.routeguide.core.route;
}
