package dev.routeguide.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.client.RouteGuideClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code server --metrics-port}: the Prometheus endpoint, scraped over HTTP after a known sequence
 * of calls, shows gRPC's A66 metrics and every domain metric with the values those calls imply.
 */
@DisplayName("server --metrics-port")
class MetricsEndpointTest {

  private static final Point BERKSHIRE_VALLEY = Point.ofE7(409_146_138, -746_188_906);
  private static final Point UNNAMED_ENTRY = Point.ofE7(407_113_723, -749_746_483);

  @Test
  void servesGrpcAndDomainMetricsWithTheValuesTheCallsImply() throws Exception {
    int metricsPort = Scrape.freeLoopbackPort();
    try (ServerProcess server =
        ServerProcess.start(
            "--port", "0",
            "--metrics-port", Integer.toString(metricsPort),
            "--max-notes-per-location", "2",
            "--max-locations", "2",
            "--max-message-length", "10")) {
      String target = server.awaitTarget();
      String url = "http://127.0.0.1:" + metricsPort + "/metrics";
      assertThat(server.awaitLine("Metrics for Prometheus at")).contains(url);

      try (RouteGuideClient client =
          RouteGuideClient.connect(target).withDeadline(Duration.ofSeconds(20))) {
        client.getFeature(BERKSHIRE_VALLEY);
        client.getFeature(BERKSHIRE_VALLEY);
        client.getFeature(UNNAMED_ENTRY);
        try (FeatureStream all =
            client.listFeatures(
                Rectangle.spanning(Point.ofE7(-900_000_000, -1_800_000_000),
                    Point.ofE7(900_000_000, 1_800_000_000)))) {
          all.forEachRemaining(feature -> {});
        }
        client.recordRoute(List.of(BERKSHIRE_VALLEY, UNNAMED_ENTRY, BERKSHIRE_VALLEY));

        Point p1 = Point.ofE7(1, 1);
        Point p2 = Point.ofE7(2, 2);
        Point p3 = Point.ofE7(3, 3);
        chat(client, new RouteNote(p1, "a"), new RouteNote(p1, "b"), new RouteNote(p1, "c"),
            new RouteNote(p2, "d"), new RouteNote(p3, "e"));
        assertThatThrownBy(() -> chat(client, new RouteNote(p2, "far too long")))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageContaining("message");
      }

      Scrape metrics = Scrape.of(url);
      assertThat(metrics.value("routeguide_features_lookups_total", "result=\"hit\"")).isEqualTo(2);
      assertThat(metrics.value("routeguide_features_lookups_total", "result=\"miss\"")).isEqualTo(1);
      assertThat(metrics.value("routeguide_features_streamed_total", "")).isEqualTo(64);
      assertThat(metrics.value("routeguide_route_points_total", "")).isEqualTo(3);
      assertThat(metrics.value("routeguide_notes_stored_total", "")).isEqualTo(5);
      assertThat(metrics.value("routeguide_notes_refused_total", "reason=\"message_too_long\""))
          .isEqualTo(1);
      assertThat(metrics.value("routeguide_notes_evicted_total", "reason=\"per_location_cap\""))
          .isEqualTo(1);
      assertThat(metrics.value("routeguide_notes_evicted_total", "reason=\"location_cap\""))
          .isEqualTo(2);
      assertThat(metrics.value("routeguide_chats_open", "")).isZero();
      assertThat(metrics.value("routeguide_notes_locations", "")).isEqualTo(2);
      assertThat(metrics.value("routeguide_notes_bytes", "")).isPositive();

      assertThat(metrics.value("grpc_server_call_started_total",
          "grpc_method=\"routeguide.RouteGuide/GetFeature\"")).isEqualTo(3);
      assertThat(metrics.value("grpc_server_call_duration_seconds_count",
          "grpc_method=\"routeguide.RouteGuide/GetFeature\"", "grpc_status=\"OK\""))
          .isEqualTo(3);
      assertThat(metrics.value("grpc_server_call_duration_seconds_count",
          "grpc_method=\"routeguide.RouteGuide/ListFeatures\"", "grpc_status=\"OK\""))
          .isEqualTo(1);
      assertThat(metrics.value("grpc_server_call_duration_seconds_count",
          "grpc_method=\"routeguide.RouteGuide/RecordRoute\"", "grpc_status=\"OK\""))
          .isEqualTo(1);
      assertThat(metrics.value("grpc_server_call_duration_seconds_count",
          "grpc_method=\"routeguide.RouteGuide/RouteChat\"", "grpc_status=\"OK\""))
          .isEqualTo(1);
      assertThat(metrics.value("grpc_server_call_duration_seconds_count",
          "grpc_method=\"routeguide.RouteGuide/RouteChat\"", "grpc_status=\"INVALID_ARGUMENT\""))
          .isEqualTo(1);
      assertThat(metrics.text()).contains("grpc_server_call_duration_seconds_bucket{");

      server.terminate();
    }
  }

  @Nested
  @DisplayName("content negotiation")
  class ContentNegotiation {

    @Test
    void servesThePrometheusTextFormatToAScrapeThatPrefersProtobufAndAcceptsText()
        throws Exception {
      try (MetricsEndpoint endpoint = endpointWithOneStoredNote()) {
        // What Prometheus sends when native histograms are on: protobuf first, then text.
        HttpResponse<String> scrape = get(endpoint, "application/vnd.google.protobuf;"
            + "proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,"
            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(scrape.body()).contains(ONE_NOTE_STORED);
      }
    }

    @Test
    void servesOpenMetricsTextWhenAskedForIt() throws Exception {
      try (MetricsEndpoint endpoint = endpointWithOneStoredNote()) {
        HttpResponse<String> scrape = get(endpoint,
            "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/openmetrics-text"));
        assertThat(scrape.body()).contains(ONE_NOTE_STORED).endsWith("# EOF\n");
      }
    }

    @Test
    void answersAScrapeThatAcceptsOnlyProtobufWithNotAcceptableNamingTheFormatsServed()
        throws Exception {
      try (MetricsEndpoint endpoint = endpointWithOneStoredNote()) {
        HttpResponse<String> scrape = get(endpoint, "application/vnd.google.protobuf;"
            + "proto=io.prometheus.client.MetricFamily;encoding=delimited");

        assertThat(scrape.statusCode()).isEqualTo(406);
        assertThat(scrape.body()).contains("text/plain", "application/openmetrics-text");
        assertThat(Scrape.of(endpoint.url()).value("routeguide_notes_stored_total")).isEqualTo(1);
      }
    }

    @Test
    void answersHeadWithTheHeadersOfAScrapeAndNoBody() throws Exception {
      try (MetricsEndpoint endpoint = endpointWithOneStoredNote()) {
        HttpResponse<String> head = request(endpoint, "HEAD", "application/vnd.google.protobuf;"
            + "proto=io.prometheus.client.MetricFamily;encoding=delimited");

        assertThat(head.statusCode()).isEqualTo(406);
        assertThat(head.body()).isEmpty();
        assertThat(Scrape.of(endpoint.url()).value("routeguide_notes_stored_total")).isEqualTo(1);
      }
    }

    @Test
    void refusesMethodsOtherThanGetAndHead() throws Exception {
      try (MetricsEndpoint endpoint = endpointWithOneStoredNote()) {
        HttpResponse<String> post = request(endpoint, "POST", "*/*");

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
      }
    }

    private static final String ONE_NOTE_STORED =
        "routeguide_notes_stored_total{otel_scope_name=\"dev.routeguide\"} 1.0\n";

    private MetricsEndpoint endpointWithOneStoredNote() throws Exception {
      MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", Scrape.freeLoopbackPort());
      endpoint.domainMetrics().noteStored();
      return endpoint;
    }

    private HttpResponse<String> get(MetricsEndpoint endpoint, String accept) throws Exception {
      return request(endpoint, "GET", accept);
    }

    private HttpResponse<String> request(MetricsEndpoint endpoint, String method, String accept)
        throws Exception {
      return HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(endpoint.url()))
              .method(method, HttpRequest.BodyPublishers.noBody())
              .header("Accept", accept)
              .timeout(Duration.ofSeconds(20))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void isRefusedOutsideItsRange() {
    CliRun run = CliRun.of("server", "--metrics-port", "0");
    assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
    assertThat(run.err()).contains("--metrics-port must be within [1, 65535], got 0");
  }

  /** Sends the notes on one chat, completes it, and waits for the server to end it. */
  static void chat(RouteGuideClient client, RouteNote... notes) throws Exception {
    NoteInbox inbox = new NoteInbox();
    try (RouteChat chat = client.routeChat(inbox)) {
      for (RouteNote note : notes) {
        chat.send(note);
      }
      chat.complete();
      inbox.awaitAll(Duration.ofSeconds(20));
    }
  }
}
