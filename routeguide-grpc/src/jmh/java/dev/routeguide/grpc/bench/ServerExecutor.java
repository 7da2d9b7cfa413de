package dev.routeguide.grpc.bench;

import dev.routeguide.grpc.transport.RouteGuideServerBuilder;

/** Where the benchmark server runs service code: a JMH parameter. */
public enum ServerExecutor {

  /** gRPC's default, a shared cached thread pool: every callback is a hand-off. */
  DEFAULT {
    @Override
    RouteGuideServerBuilder apply(RouteGuideServerBuilder builder) {
      return builder;
    }
  },

  /** {@link RouteGuideServerBuilder#directExecutor()}: callbacks on the transport's threads. */
  DIRECT {
    @Override
    RouteGuideServerBuilder apply(RouteGuideServerBuilder builder) {
      return builder.directExecutor();
    }
  };

  abstract RouteGuideServerBuilder apply(RouteGuideServerBuilder builder);
}
