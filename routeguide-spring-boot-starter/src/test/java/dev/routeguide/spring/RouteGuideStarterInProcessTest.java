package dev.routeguide.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.grpc.RouteGuideClient;
import dev.routeguide.grpc.RouteGuideService;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.client.ImportGrpcClients;

/**
 * An application with the starter and no RouteGuide code of its own, served over Spring gRPC's
 * in-process test transport: the four RPCs answer through generated stubs and through {@link
 * RouteGuideClient}.
 */
@SpringBootTest(classes = RouteGuideStarterInProcessTest.Application.class)
@AutoConfigureTestGrpcTransport
@ImportGrpcClients(
    types = {RouteGuideGrpc.RouteGuideBlockingStub.class, RouteGuideGrpc.RouteGuideStub.class})
class RouteGuideStarterInProcessTest {

  /** The whole application: auto-configuration only. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {}

  @Autowired private RouteGuideGrpc.RouteGuideBlockingStub blockingStub;
  @Autowired private RouteGuideGrpc.RouteGuideStub asyncStub;
  @Autowired private GrpcChannelFactory channels;
  @Autowired private RouteGuideService service;
  @Autowired private RouteGuide routeGuide;

  @Test
  void theStarterServesALocalRouteGuideOnTheGrpcServer() {
    assertThat(routeGuide).isInstanceOf(LocalRouteGuide.class);
    assertThat(service.bindService().getServiceDescriptor().getName())
        .isEqualTo(RouteGuideGrpc.SERVICE_NAME);
  }

  @Test
  void generatedStubsGetAnswersToAllFourRpcs() throws Exception {
    ServesAllFourRpcs.overGeneratedStubs(blockingStub, asyncStub);
  }

  @Test
  void routeGuideClientGetsAnswersToAllFourRpcs() throws Exception {
    // The channel factory owns its channels and shuts them down with the context.
    RouteGuideClient client = RouteGuideClient.over(channels.createChannel("routeguide"));
    ServesAllFourRpcs.overClient(client);
  }
}
