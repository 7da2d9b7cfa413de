package dev.routeguide.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a {@code --metrics-port} endpoint in the Prometheus text format, and its samples. */
final class Scrape {

  private final String exposition;

  private Scrape(String exposition) {
    this.exposition = exposition;
  }

  /** Scrapes the URL, asserting a 200 answer in the text format. */
  static Scrape of(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain"));
    return new Scrape(response.body());
  }

  /** The whole exposition. */
  String text() {
    return exposition;
  }

  /** Whether any sample of this metric is present. */
  boolean has(String metric) {
    return samples(metric).find();
  }

  /** The value of the one sample of this metric whose labels include all of the given ones. */
  long value(String metric, String... labels) {
    Matcher matcher = samples(metric);
    Long found = null;
    while (matcher.find()) {
      String labelSet = matcher.group(1) == null ? "" : matcher.group(1);
      boolean matches = true;
      for (String label : labels) {
        matches &= label.isEmpty() || labelSet.contains(label);
      }
      if (matches) {
        if (found != null) {
          throw new AssertionError("more than one sample of " + metric + " with " + List.of(labels)
              + " in:\n" + exposition);
        }
        found = (long) Double.parseDouble(matcher.group(2));
      }
    }
    if (found == null) {
      throw new AssertionError("no sample of " + metric + " with " + List.of(labels) + " in:\n"
          + exposition);
    }
    return found;
  }

  /** A loopback port free now, for {@code --metrics-port}. */
  static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private Matcher samples(String metric) {
    return Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
        .matcher(exposition);
  }
}
