package dev.routeguide.testing.contract;

import dev.routeguide.grpc.InProcessServer;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;

/**
 * The RouteGuide contract run through {@link RouteGuideClient} talking in-process to {@link
 * RouteGuideService}; subclasses choose the executors.
 */
abstract class InProcessContract extends RemoteRouteGuideContract {

  abstract InProcessServer.Executor executor();

  @Override
  protected RouteGuide connect(LocalRouteGuide backend) {
    InProcessServer server = closeAfterTest(InProcessServer.serving(backend, executor()));
    return closeAfterTest(RouteGuideClient.over(server.channel()));
  }
}
