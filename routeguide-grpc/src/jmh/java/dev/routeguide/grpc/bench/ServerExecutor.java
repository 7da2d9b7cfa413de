package dev.routeguide.grpc.bench;

import dev.routeguide.grpc.transport.RouteGuideServer;

/** Where the benchmark server runs service code: a JMH parameter. */
public enum ServerExecutor {

  /** gRPC's default, a shared cached thread pool: every callback is a hand-off. */
  DEFAULT {
    @Override
    RouteGuideServer.Builder apply(RouteGuideServer.Builder builder) {
      return builder;
    }
  },

  /** {@link RouteGuideServer.Builder#directExecutor()}: callbacks on the transport's threads. */
  DIRECT {
    @Override
    RouteGuideServer.Builder apply(RouteGuideServer.Builder builder) {
      return builder.directExecutor();
    }
  };

  abstract RouteGuideServer.Builder apply(RouteGuideServer.Builder builder);
}
