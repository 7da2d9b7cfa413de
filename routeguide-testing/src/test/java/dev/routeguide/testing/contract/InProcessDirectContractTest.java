package dev.routeguide.testing.contract;

import dev.routeguide.grpc.InProcessServer;

/** The RouteGuide contract over in-process gRPC with direct executors on both sides. */
class InProcessDirectContractTest extends InProcessContract {
  @Override
  InProcessServer.Executor executor() {
    return InProcessServer.Executor.DIRECT;
  }
}
