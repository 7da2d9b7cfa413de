package dev.routeguide.grpc.bench;

import dev.routeguide.grpc.transport.RouteGuideServerBuilder;

/** Where the benchmark server runs service code: a JMH parameter. */
public enum ServerExecutor {

  /** The ready-made server's default, {@code TurnExecutor.shared()}: each callback a hand-off. */
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
