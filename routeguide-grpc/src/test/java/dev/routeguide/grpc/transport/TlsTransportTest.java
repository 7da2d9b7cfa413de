package dev.routeguide.grpc.transport;

import static dev.routeguide.grpc.transport.EchoRouteGuideService.nameFor;
import static dev.routeguide.grpc.transport.EchoRouteGuideService.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTransportTest {

  @TempDir static Path certificateDirectory;

  private static TestCertificates pki;
  private static TestCertificates otherPki;

  private RouteGuideServer server;
  private final List<ManagedChannel> channels = new ArrayList<>();

  @BeforeAll
  static void generateCertificates() {
    pki = TestCertificates.generate(certificateDirectory, "trusted-");
    otherPki = TestCertificates.generate(certificateDirectory, "other-");
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow();
      assertThat(channel.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
    if (server != null) {
      server.close();
    }
  }

  private ManagedChannel track(ManagedChannel channel) {
    channels.add(channel);
    return channel;
  }

  private static Feature getFeature(ManagedChannel channel) {
    return RouteGuideGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .getFeature(point(7, 8));
  }

  private static void assertUnavailable(ManagedChannel channel) {
    assertThatThrownBy(() -> getFeature(channel))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Nested
  class ServerTls {

    @Test
    void servesAClientThatTrustsItsCa() throws IOException {
      server =
          RouteGuideServer.builder(EchoRouteGuideService.answering())
              .tcp("localhost", 0)
              .tls(pki.serverCertificateChain, pki.serverPrivateKey)
              .start();

      ManagedChannel channel = track(RouteGuideChannels.tls(server.target(), pki.caCertificate));

      assertThat(getFeature(channel).getName()).isEqualTo(nameFor(point(7, 8)));
    }

    @Test
    void failsAClientThatDoesNotTrustItsCa() throws IOException {
      server =
          RouteGuideServer.builder(EchoRouteGuideService.answering())
              .tcp("localhost", 0)
              .tls(pki.serverCertificateChain, pki.serverPrivateKey)
              .start();

      assertUnavailable(track(RouteGuideChannels.tls(server.target(), otherPki.caCertificate)));
    }

    @Test
    void failsAPlaintextClient() throws IOException {
      server =
          RouteGuideServer.builder(EchoRouteGuideService.answering())
              .tcp("localhost", 0)
              .tls(pki.serverCertificateChain, pki.serverPrivateKey)
              .start();

      assertUnavailable(track(RouteGuideChannels.plaintext(server.target())));
    }

    @Test
    void failsToStartWhenTheKeyFileIsMissing() {
      Path missing = certificateDirectory.resolve("missing-key.pem");
      RouteGuideServerBuilder builder =
          RouteGuideServer.builder(EchoRouteGuideService.answering())
              .tcp("localhost", 0)
              .tls(pki.serverCertificateChain, missing);

      assertThatThrownBy(builder::start)
          .isInstanceOf(IOException.class)
          .hasMessageContaining(missing.toString());
    }

    @Test
    void failsToStartWhenTheCertificateIsNotPem() throws IOException {
      Path garbage = Files.writeString(certificateDirectory.resolve("garbage.pem"), "not a cert");
      RouteGuideServerBuilder builder =
          RouteGuideServer.builder(EchoRouteGuideService.answering())
              .tcp("localhost", 0)
              .tls(garbage, pki.serverPrivateKey);

      assertThatThrownBy(builder::start).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class MutualTls {

    private RouteGuideServer startMutualTlsServer() throws IOException {
      return RouteGuideServer.builder(EchoRouteGuideService.answering())
          .tcp("localhost", 0)
          .tls(pki.serverCertificateChain, pki.serverPrivateKey)
          .requireClientCertificates(pki.caCertificate)
          .start();
    }

    @Test
    void servesAClientWithACertificateFromTheTrustedCa() throws IOException {
      server = startMutualTlsServer();

      ManagedChannel channel =
          track(
              RouteGuideChannels.mutualTls(
                  server.target(),
                  pki.caCertificate,
                  pki.clientCertificateChain,
                  pki.clientPrivateKey));

      assertThat(getFeature(channel).getName()).isEqualTo(nameFor(point(7, 8)));
    }

    @Test
    void rejectsAClientWithoutACertificate() throws IOException {
      server = startMutualTlsServer();

      assertUnavailable(track(RouteGuideChannels.tls(server.target(), pki.caCertificate)));
    }

    @Test
    void rejectsAClientCertificateFromAnotherCa() throws IOException {
      server = startMutualTlsServer();

      assertUnavailable(
          track(
              RouteGuideChannels.mutualTls(
                  server.target(),
                  pki.caCertificate,
                  otherPki.clientCertificateChain,
                  otherPki.clientPrivateKey)));
    }

    @Test
    void failsAClientThatDoesNotTrustTheServerCa() throws IOException {
      server = startMutualTlsServer();

      assertUnavailable(
          track(
              RouteGuideChannels.mutualTls(
                  server.target(),
                  otherPki.caCertificate,
                  pki.clientCertificateChain,
                  pki.clientPrivateKey)));
    }
  }
}
