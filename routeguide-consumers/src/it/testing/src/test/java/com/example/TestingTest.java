package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.geo.Point;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.testing.grpc.RouteGuideExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The user's code under test takes a RouteGuide; the extension gives it one over gRPC. */
class TestingTest {

  @RegisterExtension final RouteGuideExtension routeGuide = new RouteGuideExtension();

  static String describe(RouteGuide guide, Point point) {
    String name = guide.getFeature(point).name();
    return name.isEmpty() ? "nothing here" : name;
  }

  @Test
  void namesTheFeatureAtAKnownPointOverTheInProcessServer(RouteGuideClient client) {
    assertThat(describe(client, Point.ofE7(409146138, -746188906)))
        .isEqualTo("Berkshire Valley Management Area Trail, Jefferson, NJ, USA");
    assertThat(describe(client, Point.ofE7(0, 0))).isEqualTo("nothing here");
  }
}
