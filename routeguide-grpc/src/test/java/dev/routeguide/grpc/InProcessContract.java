package dev.routeguide.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.testing.RouteGuideContract;
import io.grpc.Status;

/**
 * The RouteGuide contract run through {@link RouteGuideClient} talking in-process to {@link
 * RouteGuideService}; subclasses choose the executors. Invalid input surfaces as a {@link
 * RouteGuideStatusException} with {@code INVALID_ARGUMENT} whose description starts with the field.
 */
abstract class InProcessContract extends RouteGuideContract {

  private InProcessServer server;
  private RouteGuideClient client;

  abstract InProcessServer.Executor executor();

  @Override
  protected RouteGuide connect(LocalRouteGuide backend) {
    server = InProcessServer.serving(backend, executor());
    client = RouteGuideClient.over(server.channel());
    return client;
  }

  @Override
  protected void disconnect() {
    client.close();
    server.close();
  }

  @Override
  protected void assertInvalidArgument(Throwable thrown, String field) {
    assertThat(thrown).isInstanceOf(RouteGuideStatusException.class);
    RouteGuideStatusException failure = (RouteGuideStatusException) thrown;
    assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.description()).startsWith(field);
  }
}
