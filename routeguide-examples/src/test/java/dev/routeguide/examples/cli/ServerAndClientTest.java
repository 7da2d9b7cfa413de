package dev.routeguide.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.grpc.transport.TestCertificates;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routeguide server} in one process and {@code routeguide client} in another, over each
 * transport, the way the README tells a user to try it.
 */
@DisplayName("server and client in separate processes")
class ServerAndClientTest {

  @Test
  void talkOverPlaintextTcpAndTheServerStopsGracefullyOnSigterm() throws Exception {
    try (ServerProcess server = ServerProcess.start("--port", "0")) {
      String target = server.awaitTarget();
      assertThat(server.output()).contains("(tcp, plaintext)").contains("64 features");

      assertTutorialRunsAgainst("--target", target);

      int exitCode = server.terminate();
      assertThat(server.output())
          .as("output of a server that exited with %d", exitCode)
          .contains("Shutting down RouteGuide server gracefully");
      assertThat(exitCode).as("exit status after SIGTERM (128 + 15)").isEqualTo(143);
    }
  }

  @Test
  void talkWithServiceCodeOnTheTransportsThreads() throws Exception {
    try (ServerProcess server = ServerProcess.start("--port", "0", "--direct-executor")) {
      String target = server.awaitTarget();
      assertThat(server.output()).contains("(tcp, plaintext, direct executor)");

      assertTutorialRunsAgainst("--target", target);
      server.terminate();
    }
  }

  @Test
  void talkWithLiveChatOnAndATutorialClientSeesTheTutorialsReplies() throws Exception {
    try (ServerProcess server =
        ServerProcess.start("--port", "0", "--live-chat", "--max-note-bytes", "1000000")) {
      String target = server.awaitTarget();
      assertThat(server.output()).contains("live chat on");

      // One client alone: its own notes are never echoed, so it sees what the tutorial shows.
      assertTutorialRunsAgainst("--target", target);
      server.terminate();
    }
  }

  @Test
  void talkOverAUnixDomainSocket(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        Epoll.isAvailable(),
        "Unix sockets need Netty's native epoll transport, unavailable here: "
            + Epoll.unavailabilityCause());
    Path socket = dir.resolve("routeguide.sock");
    try (ServerProcess server = ServerProcess.start("--unix-socket", socket.toString())) {
      String target = server.awaitTarget();
      assertThat(target).isEqualTo("unix:" + socket.toAbsolutePath());

      assertTutorialRunsAgainst("--target", target);
      server.terminate();
    }
  }

  @Test
  void talkOverTls(@TempDir Path dir) throws Exception {
    TestCertificates pki = TestCertificates.generate(dir, "tls-");
    try (ServerProcess server =
        ServerProcess.start(
            "--port", "0",
            "--tls-cert", pki.serverCertificateChain.toString(),
            "--tls-key", pki.serverPrivateKey.toString())) {
      String target = server.awaitTarget();
      assertThat(server.output()).contains("(tcp, TLS)");

      assertTutorialRunsAgainst("--target", target, "--tls-ca", pki.caCertificate.toString());

      CliRun plaintext = CliRun.of("client", "--target", target);
      assertThat(plaintext.exitCode()).isEqualTo(RouteGuideCli.EXIT_FAILURE);
      assertThat(plaintext.errorLine()).contains("cannot reach " + target);
      server.terminate();
    }
  }

  @Test
  void talkOverMutualTlsAndRefuseAClientWithoutACertificate(@TempDir Path dir) throws Exception {
    TestCertificates pki = TestCertificates.generate(dir, "mtls-");
    try (ServerProcess server =
        ServerProcess.start(
            "--port", "0",
            "--tls-cert", pki.serverCertificateChain.toString(),
            "--tls-key", pki.serverPrivateKey.toString(),
            "--tls-client-ca", pki.caCertificate.toString())) {
      String target = server.awaitTarget();
      assertThat(server.output()).contains("(tcp, mutual TLS)");

      assertTutorialRunsAgainst(
          "--target", target,
          "--tls-ca", pki.caCertificate.toString(),
          "--tls-cert", pki.clientCertificateChain.toString(),
          "--tls-key", pki.clientPrivateKey.toString());

      CliRun anonymous =
          CliRun.of("client", "--target", target, "--tls-ca", pki.caCertificate.toString());
      assertThat(anonymous.exitCode()).isEqualTo(RouteGuideCli.EXIT_FAILURE);
      assertThat(anonymous.errorLine()).contains("UNAVAILABLE");
      server.terminate();
    }
  }

  static void assertTutorialRunsAgainst(String... clientFlags) {
    String[] args = new String[clientFlags.length + 3];
    args[0] = "client";
    System.arraycopy(clientFlags, 0, args, 1, clientFlags.length);
    args[clientFlags.length + 1] = "--pause-ms";
    args[clientFlags.length + 2] = "0";
    CliRun client = CliRun.of(args);
    assertThat(client.exitCode()).as(client.err()).isZero();
    assertThat(client.out())
        .contains("Found feature called \"Berkshire Valley Management Area Trail, Jefferson, NJ, USA\"")
        .contains("ListFeatures streamed 64 features")
        .contains("Finished trip with 10 points.")
        .contains("RouteChat received 2 notes");
  }
}
