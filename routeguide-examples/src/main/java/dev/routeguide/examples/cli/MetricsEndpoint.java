package dev.routeguide.examples.cli;

import dev.routeguide.opentelemetry.RouteGuideMetrics;
import io.opentelemetry.exporter.prometheus.PrometheusHttpServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code server --metrics-port}: an OpenTelemetry SDK of the server's own (never the global one)
 * whose metrics OpenTelemetry's Prometheus exporter serves as text at {@code /metrics}.
 */
final class MetricsEndpoint implements AutoCloseable {

  private final OpenTelemetrySdk sdk;
  private final RouteGuideMetrics domainMetrics;
  private final String url;

  private MetricsEndpoint(OpenTelemetrySdk sdk, String url) {
    this.sdk = sdk;
    this.domainMetrics = RouteGuideMetrics.of(sdk);
    this.url = url;
  }

  /**
   * Starts serving on the host and port.
   *
   * @throws IOException naming the option and address if the port cannot be bound
   */
  static MetricsEndpoint start(String host, int port) throws IOException {
    PrometheusHttpServer exporter;
    try {
      exporter = PrometheusHttpServer.builder().setHost(host).setPort(port).build();
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new IOException("--metrics-port " + port + ": cannot listen on " + host + ":" + port, e);
    }
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(exporter).build())
            .build();
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    return new MetricsEndpoint(sdk, "http://" + shownHost + ":" + port + "/metrics");
  }

  /** The SDK the server's gRPC metrics go to. */
  OpenTelemetrySdk openTelemetry() {
    return sdk;
  }

  /** The observer that records the domain metrics to the same SDK. */
  RouteGuideMetrics domainMetrics() {
    return domainMetrics;
  }

  /** Where Prometheus scrapes. */
  String url() {
    return url;
  }

  /** Stops the gauges and the HTTP endpoint. */
  @Override
  public void close() {
    domainMetrics.close();
    sdk.close();
  }
}
