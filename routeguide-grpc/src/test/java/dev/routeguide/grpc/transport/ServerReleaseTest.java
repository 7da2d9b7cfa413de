package dev.routeguide.grpc.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.features.FeatureDatabase;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("a server once shut down")
class ServerReleaseTest {

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"tcp", "in-process"})
  @DisplayName("lets its catalogue be collected, even after a call with an hour's deadline")
  void letsItsCatalogueBeCollectedAfterACallWithALongDeadline(String transport) throws Exception {
    WeakReference<FeatureCatalogue> catalogue = serveOneCallWithALongDeadline(transport);

    assertCollected(catalogue);
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"tcp", "in-process"})
  @DisplayName("lets its catalogue be collected after a never-read listing with an hour's deadline")
  void letsItsCatalogueBeCollectedAfterAnUnreadListingWithALongDeadline(String transport)
      throws Exception {
    WeakReference<FeatureCatalogue> catalogue = leaveAnUnreadListingWithALongDeadline(transport);

    assertCollected(catalogue);
  }

  /** Collects garbage until the referent is gone, for at most 20 seconds. */
  private static void assertCollected(WeakReference<FeatureCatalogue> catalogue)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (catalogue.get() != null && System.nanoTime() < deadline) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(50);
    }
    assertThat(catalogue.get()).as("catalogue still reachable after shutdown").isNull();
  }

  /**
   * Starts a ListFeatures over the whole world with a one-hour deadline that the client never
   * reads, then shuts the server down (its calls cancelled after a short grace) and the channel.
   */
  private static WeakReference<FeatureCatalogue> leaveAnUnreadListingWithALongDeadline(
      String transport) throws IOException, InterruptedException {
    java.util.List<dev.routeguide.core.features.Feature> many = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      many.add(dev.routeguide.core.features.Feature.named("feature " + i,
          dev.routeguide.core.geo.Point.ofE7(i * 1000, i * 1000)));
    }
    FeatureCatalogue catalogue = FeatureCatalogue.of(many);
    RouteGuideServerBuilder builder = RouteGuideServer.builder(LocalRouteGuide.of(catalogue))
        .shutdownGrace(java.time.Duration.ofMillis(200));
    String name = InProcessServerBuilder.generateName();
    RouteGuideServer server =
        (transport.equals("tcp") ? builder.tcp("localhost", 0) : builder.inProcess(name)).start();
    ManagedChannel channel = transport.equals("tcp")
        ? RouteGuideChannels.plaintext(server.target())
        : RouteGuideChannels.inProcess(name);
    io.grpc.ClientCall<dev.routeguide.grpc.proto.Rectangle, dev.routeguide.grpc.proto.Feature> call =
        channel.newCall(RouteGuideGrpc.getListFeaturesMethod(),
            io.grpc.CallOptions.DEFAULT.withDeadlineAfter(1, TimeUnit.HOURS));
    call.start(new io.grpc.ClientCall.Listener<>() {}, new io.grpc.Metadata());
    call.sendMessage(dev.routeguide.grpc.proto.Rectangle.newBuilder()
        .setLo(Point.newBuilder().setLatitude(-900_000_000).setLongitude(-1_800_000_000))
        .setHi(Point.newBuilder().setLatitude(900_000_000).setLongitude(1_800_000_000))
        .build());
    call.halfClose();
    server.shutdown();
    channel.shutdownNow();
    assertThat(channel.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(server.isTerminated()).isTrue();
    return new WeakReference<>(catalogue);
  }

  /** Serves one GetFeature with a one-hour deadline, shuts everything down, keeps a weak ref. */
  private static WeakReference<FeatureCatalogue> serveOneCallWithALongDeadline(String transport)
      throws IOException, InterruptedException {
    FeatureCatalogue catalogue = FeatureCatalogue.of(FeatureDatabase.readCanonical());
    RouteGuideServerBuilder builder = RouteGuideServer.builder(LocalRouteGuide.of(catalogue));
    String name = InProcessServerBuilder.generateName();
    try (RouteGuideServer server =
        (transport.equals("tcp") ? builder.tcp("localhost", 0) : builder.inProcess(name))
            .start()) {
      ManagedChannel channel = transport.equals("tcp")
          ? RouteGuideChannels.plaintext(server.target())
          : RouteGuideChannels.inProcess(name);
      try {
        RouteGuideGrpc.newBlockingStub(channel)
            .withDeadlineAfter(1, TimeUnit.HOURS)
            .getFeature(Point.newBuilder().setLatitude(409146138).setLongitude(-746188906).build());
      } finally {
        channel.shutdownNow();
        assertThat(channel.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }
    }
    return new WeakReference<>(catalogue);
  }
}
