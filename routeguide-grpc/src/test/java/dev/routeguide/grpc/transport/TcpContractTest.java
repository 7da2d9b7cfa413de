package dev.routeguide.grpc.transport;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.grpc.RemoteRouteGuideContract;
import dev.routeguide.grpc.RouteGuideClient;
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
