package dev.routeguide.grpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.io.IOException;
import java.util.Collection;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** gRFC A66 metrics installed per server and per channel, from the OpenTelemetry given. */
@DisplayName("gRPC metrics on a server and a channel")
class GrpcMetricsTest {

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("grpc.method");
  private static final AttributeKey<String> STATUS = AttributeKey.stringKey("grpc.status");
  private static final String GET_FEATURE = "routeguide.RouteGuide/GetFeature";
  private static final String LIST_FEATURES = "routeguide.RouteGuide/ListFeatures";

  private final InMemoryMetricReader serverReader = InMemoryMetricReader.create();
  private final InMemoryMetricReader clientReader = InMemoryMetricReader.create();
  private final OpenTelemetrySdk serverSdk = sdk(serverReader);
  private final OpenTelemetrySdk clientSdk = sdk(clientReader);
  private final String name = "metrics-" + UUID.randomUUID();

  @AfterEach
  void closeSdks() {
    serverSdk.close();
    clientSdk.close();
  }

  @Test
  @SuppressWarnings("try") // the servers serve while the try block runs
  void recordsServerAndClientCallsPerMethodAndStatus() throws IOException {
    try (RouteGuideServer server =
            RouteGuideServer.builder(LocalRouteGuide.of(FeatureCatalogue.canonical()))
                .inProcess(name)
                .metrics(serverSdk)
                .start()) {
      ManagedChannel channel = RouteGuideChannels.withMetrics(clientSdk).inProcess(name);
      try (RouteGuideClient client = RouteGuideClient.owning(channel)) {
      client.getFeature(Point.ofE7(409_146_138, -746_188_906));
      client.getFeature(Point.ofE7(0, 0));
      try (var stream =
          client.listFeatures(Rectangle.spanning(Point.ofE7(400_000_000, -750_000_000),
              Point.ofE7(420_000_000, -730_000_000)))) {
        stream.forEachRemaining(feature -> {});
      }
      dev.routeguide.grpc.proto.Point offTheMap =
          dev.routeguide.grpc.proto.Point.newBuilder().setLatitude(910_000_000).build();
      assertThatThrownBy(() -> RouteGuideGrpc.newBlockingStub(channel).getFeature(offTheMap))
          .isInstanceOf(StatusRuntimeException.class);
      }
    }

    Collection<MetricData> server = serverReader.collectAllMetrics();
    assertThat(histogramCount(server, "grpc.server.call.duration", GET_FEATURE, "OK")).isEqualTo(2);
    assertThat(histogramCount(server, "grpc.server.call.duration", GET_FEATURE, "INVALID_ARGUMENT"))
        .isEqualTo(1);
    assertThat(histogramCount(server, "grpc.server.call.duration", LIST_FEATURES, "OK")).isEqualTo(1);
    assertThat(counter(server, "grpc.server.call.started", Attributes.of(METHOD, GET_FEATURE)))
        .isEqualTo(3);

    Collection<MetricData> client = clientReader.collectAllMetrics();
    assertThat(histogramCount(client, "grpc.client.call.duration", GET_FEATURE, "OK")).isEqualTo(2);
    assertThat(histogramCount(client, "grpc.client.attempt.duration", LIST_FEATURES, "OK"))
        .isEqualTo(1);
  }

  @Test
  @SuppressWarnings("try") // the servers serve while the try block runs
  void recordsNothingForAServerOrChannelNotGivenTheInstance() throws IOException {
    try (RouteGuideServer metered =
            RouteGuideServer.builder(LocalRouteGuide.of(FeatureCatalogue.canonical()))
                .inProcess(name)
                .metrics(serverSdk)
                .start();
        RouteGuideServer plain =
            RouteGuideServer.builder(LocalRouteGuide.of(FeatureCatalogue.canonical()))
                .inProcess(name + "-plain")
                .start();
        RouteGuideClient client = RouteGuideClient.owning(RouteGuideChannels.inProcess(name + "-plain"))) {
      client.getFeature(Point.ofE7(409_146_138, -746_188_906));
    }

    assertThat(serverReader.collectAllMetrics()).isEmpty();
    assertThat(clientReader.collectAllMetrics()).isEmpty();
  }

  private static long histogramCount(
      Collection<MetricData> data, String metric, String method, String status) {
    return data.stream()
        .filter(m -> m.getName().equals(metric))
        .flatMap(m -> m.getHistogramData().getPoints().stream())
        .filter(p -> method.equals(p.getAttributes().get(METHOD)))
        .filter(p -> status.equals(p.getAttributes().get(STATUS)))
        .mapToLong(p -> p.getCount())
        .sum();
  }

  private static long counter(Collection<MetricData> data, String metric, Attributes attributes) {
    return data.stream()
        .filter(m -> m.getName().equals(metric))
        .flatMap(m -> m.getLongSumData().getPoints().stream())
        .filter(p -> p.getAttributes().asMap().entrySet().containsAll(attributes.asMap().entrySet()))
        .mapToLong(p -> p.getValue())
        .sum();
  }

  private static OpenTelemetrySdk sdk(InMemoryMetricReader reader) {
    return OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
        .build();
  }
}
