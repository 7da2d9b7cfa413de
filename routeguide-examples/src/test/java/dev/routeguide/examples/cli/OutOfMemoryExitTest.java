package dev.routeguide.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.grpc.transport.RouteGuideChannels;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("a server out of memory exits so that a supervisor restarts it")
class OutOfMemoryExitTest {

  /**
   * A 48 MiB heap cannot hold the board's default 64 MiB of notes: the flood runs the server out
   * of memory, and it must exit with status 3 rather than linger, saying why: with the flag in the
   * JVM's words, without it in the server's own, as its very last line.
   */
  @ParameterizedTest(name = "launched with -XX:+ExitOnOutOfMemoryError: {0}")
  @ValueSource(booleans = {true, false})
  @Timeout(240)
  void exitsWithStatusThreeWhenANoteFloodExhaustsItsHeap(boolean exitOnOutOfMemoryFlag)
      throws Exception {
    List<String> jvm = exitOnOutOfMemoryFlag
        ? List.of("-Xmx48m", "-XX:+ExitOnOutOfMemoryError")
        : List.of("-Xmx48m");
    try (ServerProcess server = ServerProcess.start(jvm, "--port", "0")) {
      String target = server.awaitTarget();
      ManagedChannel channel = RouteGuideChannels.plaintext(target);
      try {
        NoteFlood.Result flood =
            NoteFlood.run(channel, 8, 200_000, 10_000, "ж".repeat(1024), Duration.ofSeconds(180));
        assertThat(flood.failedStreams()).as("streams cut by the dying server").isPositive();
      } finally {
        channel.shutdownNow();
        channel.awaitTermination(10, TimeUnit.SECONDS);
      }

      assertThat(server.awaitExit(Duration.ofSeconds(60))).as(server::output).isEqualTo(3);
      String[] lines = server.output().split("\n");
      String lastLine = lines[lines.length - 1];
      if (exitOnOutOfMemoryFlag) {
        assertThat(server.output()).contains("Terminating due to java.lang.OutOfMemoryError");
      } else {
        assertThat(lastLine).as(server::output)
            .startsWith(OutOfMemoryHalt.LINE_START)
            .endsWith("; exiting with status 3 so that a supervisor restarts it");
      }
    }
  }
}
