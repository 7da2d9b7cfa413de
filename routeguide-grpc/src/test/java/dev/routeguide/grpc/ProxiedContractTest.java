package dev.routeguide.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.testing.RouteGuideContract;
import io.grpc.Status;

/**
 * The RouteGuide contract through a proxy: a {@link RouteGuideService} whose backend is a {@link
 * RouteGuideClient} of another server. The client is a drop-in {@link RouteGuide}, and statuses
 * from the far server, such as {@code INVALID_ARGUMENT}, pass through the proxy unchanged.
 */
class ProxiedContractTest extends RouteGuideContract {

  private InProcessServer origin;
  private RouteGuideClient upstream;
  private InProcessServer proxy;
  private RouteGuideClient client;

  @Override
  protected RouteGuide connect(LocalRouteGuide backend) {
    origin = InProcessServer.serving(backend, InProcessServer.Executor.POOLED);
    upstream = RouteGuideClient.over(origin.channel());
    proxy = InProcessServer.serving(upstream, InProcessServer.Executor.POOLED);
    client = RouteGuideClient.over(proxy.channel());
    return client;
  }

  @Override
  protected void disconnect() {
    client.close();
    proxy.close();
    upstream.close();
    origin.close();
  }

  @Override
  protected void assertInvalidArgument(Throwable thrown, String field) {
    assertThat(thrown).isInstanceOf(RouteGuideStatusException.class);
    RouteGuideStatusException failure = (RouteGuideStatusException) thrown;
    assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.description()).startsWith(field);
  }
}
