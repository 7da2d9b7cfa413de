package dev.routeguide.testing.contract;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.testing.contract.RemoteRouteGuideContract;
import dev.routeguide.testing.grpc.InProcessRouteGuide;

/** The contract over the in-process transport, on gRPC's thread pool, through the test kit. */
class InProcessContractTest extends RemoteRouteGuideContract {

  @Override
  protected RouteGuide connect(LocalRouteGuide backend) {
    return closeAfterTest(InProcessRouteGuide.start(backend)).client();
  }
}
