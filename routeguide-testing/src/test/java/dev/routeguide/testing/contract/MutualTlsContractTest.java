package dev.routeguide.testing.contract;

import dev.routeguide.grpc.transport.TestCertificates;
import dev.routeguide.grpc.transport.RouteGuideChannels;
import dev.routeguide.grpc.transport.RouteGuideServer;
import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.testing.contract.RemoteRouteGuideContract;
import dev.routeguide.grpc.client.RouteGuideClient;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract over mutual TLS on TCP: the server requires a client certificate from its CA. */
class MutualTlsContractTest extends RemoteRouteGuideContract {

  @TempDir static Path certificateDirectory;

  private static TestCertificates pki;

  @BeforeAll
  static void generateCertificates() {
    pki = TestCertificates.generate(certificateDirectory, "");
  }

  @Override
  protected RouteGuide connect(LocalRouteGuide backend) throws IOException {
    RouteGuideServer server =
        closeAfterTest(
            RouteGuideServer.builder(backend)
                .tcp("localhost", 0)
                .tls(pki.serverCertificateChain, pki.serverPrivateKey)
                .requireClientCertificates(pki.caCertificate)
                .start());
    return closeAfterTest(
        RouteGuideClient.owning(
            RouteGuideChannels.mutualTls(
                server.target(),
                pki.caCertificate,
                pki.clientCertificateChain,
                pki.clientPrivateKey)));
  }
}
