package dev.routeguide.examples.operating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.PermissionDeniedException;
import dev.routeguide.core.geo.Point;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.opentelemetry.RouteGuideMetrics;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeteredServerExampleTest {

  @Test
  void recordsBothKindsOfMetricsAndAppliesThePolicy(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.csv");
    Files.writeString(policy, "p, *, /routeguide.RouteGuide/GetFeature\n");
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (OpenTelemetrySdk sdk =
            OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
                .build();
        RouteGuideMetrics metrics = RouteGuideMetrics.of(sdk)) {
      try (var server = MeteredServerExample.start(sdk, metrics, policy, 0);
          RouteGuideClient client = RouteGuideClient.connect(server.target())) {
        assertThat(client.getFeature(Point.ofE7(409_146_138, -746_188_906)).isNamed()).isTrue();
        assertThatThrownBy(() -> client.recordRoute(List.of(Point.ofE7(0, 0))))
            .isInstanceOf(PermissionDeniedException.class);
      }
      Set<String> names =
          reader.collectAllMetrics().stream().map(MetricData::getName).collect(Collectors.toSet());
      assertThat(names)
          .contains("grpc.server.call.duration", "routeguide.features.lookups",
              "routeguide.notes.locations");
    }
  }
}
