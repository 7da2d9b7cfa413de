package dev.routeguide.examples.cli;

import dev.routeguide.opentelemetry.RouteGuideMetrics;
import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.exporter.prometheus.PrometheusHttpServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code server --metrics-port}: an OpenTelemetry SDK of the server's own (never the global one)
 * whose metrics OpenTelemetry's Prometheus exporter serves as text at {@code /metrics}.
 *
 * <p>Only the text formats: the exporter's protobuf writer needs protobuf-java 4.x, which is kept
 * off the class path for gRPC's 3.25.x, and would die on a scrape that asks for protobuf (the
 * connection closed with no answer). Such a scrape is answered {@code 406 Not Acceptable}
 * instead, so a Prometheus set to prefer protobuf (native histograms) reports a clear status.
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
      exporter =
          PrometheusHttpServer.builder()
              .setHost(host)
              .setPort(port)
              .setAuthenticator(new TextFormatsOnly())
              .build();
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

  /**
   * Refuses a scrape whose {@code Accept} asks for the protobuf exposition format with {@code 406}:
   * the exporter's one hook that runs before its handler picks a format is the authenticator.
   */
  static final class TextFormatsOnly extends Authenticator {
    static final String PROTOBUF_FORMAT = "application/vnd.google.protobuf";

    @Override
    public Result authenticate(HttpExchange exchange) {
      for (String accept : exchange.getRequestHeaders().getOrDefault("Accept", List.of())) {
        if (accept.contains(PROTOBUF_FORMAT)) {
          return new Failure(406);
        }
      }
      return new Success(null);
    }
  }

  /** Stops the gauges and the HTTP endpoint. */
  @Override
  public void close() {
    domainMetrics.close();
    sdk.close();
  }
}
