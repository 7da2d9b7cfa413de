package dev.routeguide.testing.contract;

import dev.routeguide.grpc.InProcessServer;

/** The RouteGuide contract over in-process gRPC with gRPC's default thread pools. */
class InProcessPooledContractTest extends InProcessContract {
  @Override
  InProcessServer.Executor executor() {
    return InProcessServer.Executor.POOLED;
  }
}
