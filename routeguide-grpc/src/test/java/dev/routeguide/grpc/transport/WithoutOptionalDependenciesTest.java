package dev.routeguide.grpc.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.grpc.client.RouteGuideClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Users who pass no OpenTelemetry instance and no policy need neither OpenTelemetry,
 * grpc-opentelemetry nor jCasbin: a server and a channel work in a JVM whose class path lacks
 * them all.
 */
@DisplayName("without the optional dependencies")
class WithoutOptionalDependenciesTest {

  private static final List<String> OPTIONAL = List.of("opentelemetry", "jcasbin", "casbin");

  @Test
  void aServerAndAChannelWorkWithoutOpenTelemetryOrJcasbinOnTheClassPath() throws Exception {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> OPTIONAL.stream().noneMatch(entry::contains))
            .collect(Collectors.joining(File.pathSeparator));
    assertThat(classPath).doesNotContain("opentelemetry-api");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, Main.class.getName())
            .redirectErrorStream(true)
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the JVM without optional dependencies did not finish in 60 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("Berkshire Valley Management Area Trail");
  }

  /** Serves in process and asks for one feature; run in the JVM without the optional jars. */
  public static final class Main {
    public static void main(String[] args) throws IOException {
      try (RouteGuideServer server =
              RouteGuideServer.builder(LocalRouteGuide.of(FeatureCatalogue.canonical()))
                  .inProcess("without-optional")
                  .withHealth()
                  .start();
          RouteGuideClient client =
              RouteGuideClient.owning(RouteGuideChannels.inProcess("without-optional"))) {
        System.out.println(client.getFeature(Point.ofE7(409_146_138, -746_188_906)).name());
        System.out.println(server);
      }
    }
  }
}
