package dev.routeguide.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.grpc.transport.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server --authz-policy}: who may call what, by client certificate, over mutual TLS. */
@DisplayName("server --authz-policy")
class AuthorizationCliTest {

  @Test
  void letsTheReaderReadAndStopsItAtRecordRoute(@TempDir Path dir)
      throws Exception {
    TestCertificates pki = TestCertificates.generate(dir, "authz-");
    TestCertificates.Client reader = pki.issueClient("CN=reader");
    Path policy = dir.resolve("policy.csv");
    Files.writeString(policy, String.join("\n",
        "# everyone reads, the test client writes (tested over gRPC in routeguide-grpc)",
        "p, *, /routeguide.RouteGuide/GetFeature",
        "p, *, /routeguide.RouteGuide/ListFeatures",
        "p, CN=routeguide-test-client, /routeguide.RouteGuide/*",
        ""));
    try (ServerProcess server =
        ServerProcess.start(
            "--port", "0",
            "--tls-cert", pki.serverCertificateChain.toString(),
            "--tls-key", pki.serverPrivateKey.toString(),
            "--tls-client-ca", pki.caCertificate.toString(),
            "--authz-policy", policy.toString())) {
      String target = server.awaitTarget();
      assertThat(server.output()).contains("mutual TLS, authorization policy " + policy);

      CliRun denied = CliRun.of("client", "--target", target, "--pause-ms", "0",
          "--tls-ca", pki.caCertificate.toString(),
          "--tls-cert", reader.certificateChain().toString(),
          "--tls-key", reader.privateKey().toString());
      assertThat(denied.exitCode()).isEqualTo(RouteGuideCli.EXIT_FAILURE);
      assertThat(denied.out()).contains("ListFeatures streamed 64 features");
      assertThat(denied.errorLine())
          .contains("PERMISSION_DENIED")
          .contains("CN=reader is not allowed to call /routeguide.RouteGuide/RecordRoute");
      server.terminate();
    }
  }

  @Test
  void refusesAClientAuthModeOtherThanRequireOrOptional() {
    CliRun run = CliRun.of("server", "--tls-cert", "c.pem", "--tls-key", "k.pem",
        "--tls-client-ca", "ca.pem", "--tls-client-auth", "maybe");

    assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
    assertThat(run.errorLine())
        .startsWith("routeguide server: --tls-client-auth must be require or optional, got maybe");
  }

  @Test
  void refusesAClientAuthModeWithoutAClientCa() {
    CliRun run = CliRun.of("server", "--tls-cert", "c.pem", "--tls-key", "k.pem",
        "--tls-client-auth", "optional");

    assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
    assertThat(run.errorLine())
        .startsWith("routeguide server: --tls-client-auth needs --tls-client-ca");
  }

  @Test
  void refusesToStartWithAPolicyThatDoesNotParse(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.csv");
    Files.writeString(policy, "p, *, /routeguide.RouteGuide/GetFeature\np, everyone\n");

    CliRun run = CliRun.of("server", "--port", "0", "--authz-policy", policy.toString());

    assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_FAILURE);
    assertThat(run.errorLine())
        .isEqualTo("routeguide server: authorization policy " + policy + ", line 2: p rule needs exactly 2"
            + " fields (subject, method), got 1 in \"p, everyone\"");
  }
}
