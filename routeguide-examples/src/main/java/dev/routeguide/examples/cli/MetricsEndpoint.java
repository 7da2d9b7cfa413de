package dev.routeguide.examples.cli;

import dev.routeguide.opentelemetry.RouteGuideMetrics;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code server --metrics-port}: an OpenTelemetry SDK of the server's own (never the global one)
 * whose metrics are served at {@code /metrics} in Prometheus' text formats, read by
 * OpenTelemetry's {@link PrometheusMetricReader} and written by Prometheus' own format writers.
 *
 * <p>Only the text formats: Prometheus' protobuf writer needs protobuf-java 4.x, which is kept off
 * the class path for gRPC's 3.25.x. A scrape that prefers protobuf but accepts text (what
 * Prometheus sends when native histograms are on: its protobuf format first, the text formats and
 * {@code *}{@code /*} after) is answered in text; one that accepts no text format is answered
 * {@code 406 Not Acceptable}, naming the formats served. (OpenTelemetry's own
 * {@code PrometheusHttpServer} picks the protobuf writer whenever the Accept header names it, and
 * then fails the scrape, so it is not used here.)
 */
final class MetricsEndpoint implements AutoCloseable {

  private static final String PATH = "/metrics";

  private final OpenTelemetrySdk sdk;
  private final RouteGuideMetrics domainMetrics;
  private final HttpServer http;
  private final ExecutorService scrapes;
  private final String url;

  private MetricsEndpoint(
      OpenTelemetrySdk sdk, HttpServer http, ExecutorService scrapes, String url) {
    this.sdk = sdk;
    this.domainMetrics = RouteGuideMetrics.of(sdk);
    this.http = http;
    this.scrapes = scrapes;
    this.url = url;
  }

  /**
   * Starts serving on the host and port.
   *
   * @throws IOException naming the option and address if the port cannot be bound
   */
  static MetricsEndpoint start(String host, int port) throws IOException {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new IOException("--metrics-port " + port + ": cannot listen on " + host + ":" + port, e);
    }
    // One daemon thread: scrapes are rare, and a scrape in progress must not keep the JVM alive.
    ExecutorService scrapes =
        Executors.newSingleThreadExecutor(task -> {
          Thread thread = new Thread(task, "routeguide-metrics-endpoint");
          thread.setDaemon(true);
          return thread;
        });
    OpenTelemetrySdk sdk = null;
    try {
      PrometheusMetricReader reader = PrometheusMetricReader.builder().build();
      sdk = OpenTelemetrySdk.builder()
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
          .build();
      http.createContext(PATH, new TextScrape(reader)::handle);
      http.setExecutor(scrapes);
      String shownHost = host.contains(":") ? "[" + host + "]" : host;
      MetricsEndpoint endpoint =
          new MetricsEndpoint(sdk, http, scrapes, "http://" + shownHost + ":" + port + PATH);
      http.start();
      return endpoint;
    } catch (RuntimeException e) {
      http.stop(0);
      scrapes.shutdownNow();
      if (sdk != null) {
        sdk.close();
      }
      throw e;
    }
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

  /** Stops the HTTP endpoint, then the gauges and the SDK, each even if an earlier step threw. */
  @Override
  public void close() {
    try {
      http.stop(0);
      scrapes.shutdownNow();
    } finally {
      try {
        domainMetrics.close();
      } finally {
        sdk.close();
      }
    }
  }

  /** Answers one scrape: the OpenMetrics text if asked for, else Prometheus' text format 0.0.4. */
  private record TextScrape(PrometheusMetricReader reader) {
    private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();
    private static final ExpositionFormatWriter PROMETHEUS_TEXT =
        PrometheusTextFormatWriter.create();

    void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        String method = exchange.getRequestMethod();
        boolean head = method.equals("HEAD");
        if (!method.equals("GET") && !method.equals("HEAD")) {
          exchange.getResponseHeaders().set("Allow", "GET, HEAD");
          send(exchange, 405, "text/plain; charset=utf-8",
              bytes(method + " is not supported at " + PATH + "; use GET\n"), false);
          return;
        }
        String accept = String.join(",", exchange.getRequestHeaders().getOrDefault("Accept",
            List.of()));
        ExpositionFormatWriter writer = writerFor(accept);
        if (writer == null) {
          send(exchange, 406, "text/plain; charset=utf-8",
              bytes("Accept: " + accept + " names no format served here; served are "
                  + OpenMetricsTextFormatWriter.CONTENT_TYPE + " and "
                  + PrometheusTextFormatWriter.CONTENT_TYPE + "\n"), head);
          return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        writer.write(body, reader.collect(), EscapingScheme.fromAcceptHeader(accept));
        send(exchange, 200, writer.getContentType(), body.toByteArray(), head);
      }
    }

    /**
     * The writer for the Accept header, or null if it accepts none of the text formats. Media
     * ranges are matched by name, their quality values ignored (OpenMetrics first when named, as
     * Prometheus' own exporters do); Prometheus never sends {@code q=0}.
     */
    private static ExpositionFormatWriter writerFor(String accept) {
      if (OPEN_METRICS.accepts(accept)) {
        return OPEN_METRICS;
      }
      String lower = accept.toLowerCase(Locale.ROOT);
      boolean acceptsText = accept.isBlank() || lower.contains("text/plain")
          || lower.contains("text/*") || lower.contains("*/*");
      return acceptsText ? PROMETHEUS_TEXT : null;
    }

    /** Sends the status and body; for a HEAD request the headers only. */
    private static void send(
        HttpExchange exchange, int status, String contentType, byte[] body, boolean head)
        throws IOException {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }

    private static byte[] bytes(String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }
}
