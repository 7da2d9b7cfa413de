package dev.routeguide.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The routeguide command line")
class RouteGuideCliTest {

  @Nested
  @DisplayName("demo")
  class Demo {

    @Test
    void runsAllFourRpcsAgainstTheCanonicalDatabaseAndExitsZero() {
      CliRun run = CliRun.of("demo", "--pause-ms", "0", "--seed", "7");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out())
          .contains("RouteGuide server listening on 127.0.0.1:")
          .contains("Found feature called \"Berkshire Valley Management Area Trail, Jefferson, NJ, USA\"")
          .contains("Found no feature at (0, 0)")
          .contains("ListFeatures streamed 64 features")
          .contains("Finished trip with 10 points.")
          .contains("Got message \"First message\" at (0, 0)")
          .contains("Got message \"Third message\" at (1, 0)")
          .contains("RouteChat received 2 notes")
          .contains("40.9146138°, -74.6188906°");
      assertThat(run.err()).isEmpty();
    }
  }

  @Nested
  @DisplayName("bad usage exits 2 with one line")
  class BadUsage {

    @ParameterizedTest
    @ValueSource(strings = {"server", "client", "demo"})
    void rejectsAnUnknownFlag(String command) {
      CliRun run = CliRun.of(command, "--no-such-flag");
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).contains("--no-such-flag").contains("--help");
    }

    @Test
    void requiresASubcommand() {
      CliRun run = CliRun.of();
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).contains("missing subcommand");
    }

    @Test
    void rejectsAPortOutOfRange() {
      CliRun run = CliRun.of("server", "--port", "70000");
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).contains("--port").contains("70000");
    }

    @Test
    void rejectsAPortThatIsNotANumber() {
      CliRun run = CliRun.of("server", "--port", "http");
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).contains("--port").contains("http");
    }

    @Test
    void rejectsANegativeDrainPeriod() {
      CliRun run = CliRun.of("server", "--drain-period", "-1");
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).contains("--drain-period must not be negative, got -1");
    }

    @Test
    void rejectsACertificateWithoutItsKey(@TempDir Path dir) {
      CliRun run = CliRun.of("server", "--tls-cert", dir.resolve("cert.pem").toString());
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).contains("--tls-cert and --tls-key go together");
    }

    @Test
    void rejectsAUnixSocketWithAPort(@TempDir Path dir) {
      CliRun run =
          CliRun.of("server", "--unix-socket", dir.resolve("s").toString(), "--port", "1");
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).contains("--unix-socket");
    }

    @Test
    void rejectsANonPositiveNoteLimit() {
      CliRun run = CliRun.of("server", "--max-message-length", "0");
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).contains("--max-message-length").contains("0");
    }

    @Test
    void rejectsANonPositiveNoteByteCap() {
      CliRun run = CliRun.of("server", "--max-note-bytes", "0");
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).contains("--max-note-bytes").contains("0");
    }

    @Test
    void rejectsANoteByteCapTooSmallForOneLongestNote() {
      CliRun run = CliRun.of("server", "--max-note-bytes", "1000");
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine())
          .contains("--max-note-bytes").contains("1000").contains("maxMessageLength (1024)");
    }

    @Test
    void rejectsATargetThatIsNotOne() {
      CliRun run = CliRun.of("client", "--target", "::bad::");
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).contains("--target").contains("::bad::");
    }

    @Test
    void rejectsANegativePause() {
      CliRun run = CliRun.of("client", "--pause-ms", "-5");
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).contains("--pause-ms").contains("-5");
    }
  }

  @Nested
  @DisplayName("failures at run time exit 1 with one line")
  class RuntimeFailures {

    @Test
    void namesAMissingDatabaseFile(@TempDir Path dir) {
      Path missing = dir.resolve("missing.json");
      CliRun run = CliRun.of("server", "--port", "0", "--db", missing.toString());
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_FAILURE);
      assertThat(run.errorLine()).contains("no such file").contains(missing.toString());
    }

    @Test
    void namesTheOptionOfAMissingCertificateAuthorityFile(@TempDir Path dir) {
      Path missing = dir.resolve("ca.pem");
      CliRun run = CliRun.of("client", "--tls-ca", missing.toString());
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_FAILURE);
      assertThat(run.errorLine()).isEqualTo("routeguide client: --tls-ca " + missing + ": no such file");
    }

    @Test
    void readsTheRouteDatabaseBeforeCallingAnyServer(@TempDir Path dir) throws IOException {
      Path broken = Files.writeString(dir.resolve("route.json"), "{");
      CliRun run = CliRun.of("client", "--route-db", broken.toString());
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_FAILURE);
      assertThat(run.out()).isEmpty();
      assertThat(run.errorLine()).contains(broken.toString());
    }

    @Test
    void namesTheLineAndColumnOfMalformedJson(@TempDir Path dir) throws IOException {
      Path broken = Files.writeString(dir.resolve("broken.json"), "[\n  {\"name\": \"x\",,}\n]");
      CliRun run = CliRun.of("server", "--port", "0", "--db", broken.toString());
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_FAILURE);
      assertThat(run.errorLine()).contains(broken + ":2:").contains("malformed JSON");
    }

    @Test
    void namesTheEntryAndFieldOfABadCoordinate(@TempDir Path dir) throws IOException {
      Path bad =
          Files.writeString(
              dir.resolve("bad.json"),
              "[{\"name\": \"a\", \"location\": {\"latitude\": 1, \"longitude\": 2}},\n"
                  + " {\"name\": \"b\", \"location\": {\"latitude\": 900000001, \"longitude\": 0}}]");
      CliRun run = CliRun.of("demo", "--db", bad.toString());
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_FAILURE);
      assertThat(run.errorLine()).contains("entry 1").contains("latitude").contains("900000001");
    }

    @Test
    void namesAPortAlreadyInUse() throws IOException {
      try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        CliRun run = CliRun.of("server", "--port", String.valueOf(taken.getLocalPort()));
        assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_FAILURE);
        assertThat(run.errorLine()).contains(String.valueOf(taken.getLocalPort()));
      }
    }

    @Test
    void reportsACertificateThatIsNotPem(@TempDir Path dir) throws IOException {
      Path cert = Files.writeString(dir.resolve("cert.pem"), "not a certificate");
      Path key = Files.writeString(dir.resolve("key.pem"), "not a key");
      CliRun run =
          CliRun.of("server", "--port", "0", "--tls-cert", cert.toString(), "--tls-key",
              key.toString());
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_FAILURE);
      assertThat(run.errorLine()).isNotBlank();
    }

    @Test
    void reportsAnUnreachableServer() throws IOException {
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closedPort = socket.getLocalPort();
      }
      CliRun run = CliRun.of("client", "--target", "127.0.0.1:" + closedPort);
      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_FAILURE);
      assertThat(run.errorLine()).contains("UNAVAILABLE");
    }
  }

  @Nested
  @DisplayName("--help")
  class Help {

    @ParameterizedTest
    @ValueSource(strings = {"server", "client", "demo"})
    void describesEverySubcommandAndExitsZero(String command) {
      CliRun run = CliRun.of(command, "--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Usage: routeguide " + command);
    }

    @Test
    void explainsLiveChatAndTheNoteByteCapWithItsDefault() {
      CliRun run = CliRun.of("server", "--help");
      assertThat(run.out())
          .contains("--live-chat")
          .contains("Off by default")
          .contains("--max-note-bytes")
          .contains(Long.toString(64L * 1024 * 1024));
    }
  }
}
