package dev.routeguide.testing.contract;

import dev.routeguide.grpc.InProcessServer;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;

/**
 * The RouteGuide contract through a proxy: a {@link RouteGuideService} whose backend is a {@link
 * RouteGuideClient} of another server. The client is a drop-in {@link RouteGuide}, and statuses
 * from the far server, such as {@code INVALID_ARGUMENT}, pass through the proxy unchanged.
 */
class ProxiedContractTest extends RemoteRouteGuideContract {

  @Override
  protected RouteGuide connect(LocalRouteGuide backend) {
    InProcessServer origin =
        closeAfterTest(InProcessServer.serving(backend, InProcessServer.Executor.POOLED));
    RouteGuideClient upstream = closeAfterTest(RouteGuideClient.over(origin.channel()));
    InProcessServer proxy =
        closeAfterTest(InProcessServer.serving(upstream, InProcessServer.Executor.POOLED));
    return closeAfterTest(RouteGuideClient.over(proxy.channel()));
  }
}
