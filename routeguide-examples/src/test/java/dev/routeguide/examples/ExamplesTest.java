package dev.routeguide.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.examples.embedding.CallCountingInterceptor;
import dev.routeguide.examples.embedding.EmbeddingExample;
import dev.routeguide.grpc.transport.RouteGuideServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The runnable examples do what their javadoc says. */
class ExamplesTest {

  @Test
  void embeddingServesBothServicesOnOneServerBehindOneInterceptor() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    CallCountingInterceptor counter = new CallCountingInterceptor();

    EmbeddingExample.run(new PrintStream(buffer, true, StandardCharsets.UTF_8), counter);

    assertThat(buffer.toString(StandardCharsets.UTF_8))
        .contains("RouteGuide/GetFeature answered \"Berkshire Valley Management Area Trail");
    assertThat(counter.callsTo("example.clock.Clock/Now")).isEqualTo(1);
    assertThat(counter.callsTo("routeguide.RouteGuide/GetFeature")).isEqualTo(1);
  }

  @Test
  void clientExampleCallsEveryRpcOfARealServer() throws Exception {
    try (RouteGuideServer server = ServeExample.start(FeatureCatalogue.canonical(), 0)) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      ClientExample.run(server.target(), new PrintStream(buffer, true, StandardCharsets.UTF_8));

      assertThat(buffer.toString(StandardCharsets.UTF_8))
          .contains("Patriots Path, Mendham, NJ 07945, USA")
          .contains("0 earlier notes at (0, 0)")
          .contains("Berkshire Valley Management Area Trail, Jefferson, NJ, USA; route of ");
    }
  }
}
