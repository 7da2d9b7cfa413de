package dev.routeguide.testing.contract;

import dev.routeguide.grpc.transport.RouteGuideChannels;
import dev.routeguide.grpc.transport.RouteGuideServer;
import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.testing.contract.RemoteRouteGuideContract;
import dev.routeguide.grpc.client.RouteGuideClient;
import java.io.IOException;

/** The contract over plaintext TCP on an ephemeral localhost port, serialising every message. */
class TcpContractTest extends RemoteRouteGuideContract {

  @Override
  protected RouteGuide connect(LocalRouteGuide backend) throws IOException {
    RouteGuideServer server =
        closeAfterTest(RouteGuideServer.builder(backend).tcp("localhost", 0).start());
    return closeAfterTest(
        RouteGuideClient.owning(RouteGuideChannels.plaintext(server.target())));
  }
}
