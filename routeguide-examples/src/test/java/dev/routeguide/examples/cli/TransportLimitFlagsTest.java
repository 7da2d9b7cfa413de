package dev.routeguide.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("server transport-limit flags")
class TransportLimitFlagsTest {

  @Nested
  @DisplayName("--help")
  class Help {

    @ParameterizedTest
    @CsvSource({
      "--max-connections, 1000",
      "--max-inbound-message-size, 16384",
      "--max-concurrent-calls-per-connection, 1000",
      "--flow-control-window, 65536",
      "--keepalive-time, 60",
      "--keepalive-timeout, 20",
      "--permit-keepalive-time, 300",
      "--permit-keepalive-without-calls, off",
      "--max-connection-idle, 300",
      "--max-connection-age, off",
      "--max-connection-age-grace, 30",
      "--handshake-timeout, 10",
      "--max-rst-frames-per-window, 2000",
      "--rst-frames-window, 10",
    })
    void documentsEachLimitWithItsDefault(String flag, String defaultValue) {
      CliRun run = CliRun.of("server", "--help");

      assertThat(optionEntry(run.out(), flag)).contains("Default: " + defaultValue);
    }

    /** The option's entry in the help: its line and the description lines below it. */
    private String optionEntry(String help, String flag) {
      StringBuilder entry = null;
      for (String line : help.split("\n")) {
        String trimmed = line.strip();
        boolean startsOption = trimmed.startsWith("-");
        if (entry != null && startsOption) {
          break;
        }
        if (trimmed.equals(flag) || trimmed.startsWith(flag + "=") || trimmed.startsWith(flag + " ")) {
          entry = new StringBuilder();
        }
        if (entry != null) {
          entry.append(trimmed).append(' ');
        }
      }
      assertThat(entry).as(flag + " in server --help:\n" + help).isNotNull();
      return entry.toString();
    }
  }

  @Nested
  @DisplayName("bad values exit 2 with one line naming the flag")
  class BadValues {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "--max-connections",
          "--max-inbound-message-size",
          "--max-concurrent-calls-per-connection",
          "--flow-control-window",
          "--keepalive-time",
          "--keepalive-timeout",
          "--permit-keepalive-time",
          "--max-connection-idle",
          "--max-connection-age",
          "--handshake-timeout",
          "--max-rst-frames-per-window",
          "--rst-frames-window",
        })
    void rejectsZero(String flag) {
      CliRun run = CliRun.of("server", flag, "0");

      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).contains(flag + " must be positive, got 0");
    }

    @Test
    void rejectsANegativeAgeGrace() {
      CliRun run =
          CliRun.of("server", "--max-connection-age", "60", "--max-connection-age-grace", "-1");

      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).contains("--max-connection-age-grace must be positive, got -1");
    }

    @Test
    void rejectsAnAgeGraceWithoutAnAge() {
      CliRun run = CliRun.of("server", "--max-connection-age-grace", "10");

      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine())
          .contains("--max-connection-age-grace needs --max-connection-age");
    }

    @Test
    void rejectsNotesTooLongForTheLargestInboundMessage() {
      CliRun run =
          CliRun.of(
              "server", "--max-message-length", "2000", "--max-inbound-message-size", "6000");

      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine())
          .contains("--max-message-length 2000")
          .contains("--max-inbound-message-size of at least 6032")
          .contains("got 6000");
    }
  }
}
