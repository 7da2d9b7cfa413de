package dev.routeguide.testing.contract;

import dev.routeguide.grpc.transport.UnixSocketTransportTest;
import dev.routeguide.grpc.transport.RouteGuideChannels;
import dev.routeguide.grpc.transport.RouteGuideServer;
import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.testing.contract.RemoteRouteGuideContract;
import dev.routeguide.grpc.client.RouteGuideClient;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract over a Unix domain socket through Netty's native epoll transport. Skipped, with the
 * reason, where grpc-netty-shaded has no epoll library (anything but Linux x86-64 and aarch64).
 */
class UnixSocketContractTest extends RemoteRouteGuideContract {

  @TempDir Path directory;

  @BeforeAll
  static void requireEpoll() {
    Assumptions.assumeTrue(Epoll.isAvailable(), UnixSocketTransportTest::skipReason);
  }

  @Override
  protected RouteGuide connect(LocalRouteGuide backend) throws IOException {
    Path socket = directory.resolve("routeguide.sock");
    closeAfterTest(RouteGuideServer.builder(backend).unixSocket(socket).start());
    return closeAfterTest(RouteGuideClient.owning(RouteGuideChannels.unixSocket(socket)));
  }
}
