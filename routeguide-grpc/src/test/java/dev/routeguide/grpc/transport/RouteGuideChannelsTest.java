package dev.routeguide.grpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteGuideChannelsTest {

  @TempDir Path directory;

  @Test
  void rejectsAMissingTarget() {
    assertThatThrownBy(() -> RouteGuideChannels.plaintext(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target");
    assertThatThrownBy(() -> RouteGuideChannels.inProcess(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
  }

  @Test
  void rejectsMissingFileArgumentsNamingThem() {
    assertThatThrownBy(() -> RouteGuideChannels.tls("localhost:1", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("trustedServerCa");
    assertThatThrownBy(
            () -> RouteGuideChannels.mutualTls("localhost:1", Path.of("ca.pem"), null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clientCertChain");
  }

  @Test
  void failsWithAnIoExceptionNamingAnUnreadableCaFile() {
    Path missing = directory.resolve("missing-ca.pem");

    assertThatThrownBy(() -> RouteGuideChannels.tls("localhost:1", missing))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void connectsLazily() throws InterruptedException {
    ManagedChannel channel = RouteGuideChannels.plaintext("localhost:1");
    try {
      assertThat(channel.authority()).isEqualTo("localhost:1");
    } finally {
      channel.shutdownNow();
      assertThat(channel.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
  }
}
