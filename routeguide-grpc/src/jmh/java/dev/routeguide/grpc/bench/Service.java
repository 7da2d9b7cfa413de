package dev.routeguide.grpc.bench;

/** Which of the three services on the benchmark server a benchmark calls: a JMH parameter. */
public enum Service {

  /**
   * No-op RPCs of the same shapes, reading client streams with a window of messages requested
   * ahead: what the transport itself costs. See {@link FloorRouteGuide}.
   */
  FLOOR(RouteGuideMethods.named("routeguide.bench.Floor")),

  /**
   * The same no-op RPCs, reading client streams one message at a time as gRPC does by default: a
   * second, labelled baseline, not the floor.
   */
  FLOOR_ONE_AT_A_TIME(RouteGuideMethods.named("routeguide.bench.FloorOneAtATime")),

  /** The tutorial design: linear scans, no flow control. See {@link ReferenceRouteGuide}. */
  REFERENCE(RouteGuideMethods.named(ReferenceRouteGuide.SERVICE_NAME)),

  /** This library's {@code RouteGuideService} over a {@code LocalRouteGuide}. */
  OURS(RouteGuideMethods.ROUTE_GUIDE);

  final RouteGuideMethods methods;

  Service(RouteGuideMethods methods) {
    this.methods = methods;
  }
}
