package dev.routeguide.grpc.bench;

/** Which of the three services on the benchmark server a benchmark calls: a JMH parameter. */
public enum Service {

  /** No-op RPCs of the same shapes: what the transport itself costs. See {@link FloorRouteGuide}. */
  FLOOR(RouteGuideMethods.named(FloorRouteGuide.SERVICE_NAME)),

  /** The tutorial design: linear scans, no flow control. See {@link ReferenceRouteGuide}. */
  REFERENCE(RouteGuideMethods.named(ReferenceRouteGuide.SERVICE_NAME)),

  /** This library's {@code RouteGuideService} over a {@code LocalRouteGuide}. */
  OURS(RouteGuideMethods.ROUTE_GUIDE);

  final RouteGuideMethods methods;

  Service(RouteGuideMethods methods) {
    this.methods = methods;
  }
}
