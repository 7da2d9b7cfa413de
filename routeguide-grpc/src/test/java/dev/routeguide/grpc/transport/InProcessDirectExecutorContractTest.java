package dev.routeguide.grpc.transport;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.grpc.testing.InProcessRouteGuide;

/** The contract over the in-process transport with gRPC's direct executor, through the test kit. */
class InProcessDirectExecutorContractTest extends RemoteRouteGuideContract {

  @Override
  protected RouteGuide connect(LocalRouteGuide backend) {
    return closeAfterTest(
            InProcessRouteGuide.builder().backend(backend).directExecutor(true).start())
        .client();
  }
}
