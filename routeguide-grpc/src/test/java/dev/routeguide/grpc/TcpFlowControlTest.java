package dev.routeguide.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.grpc.ObservedRouteGuide.ObservedFeatureStream;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.transport.RouteGuideChannels;
import dev.routeguide.grpc.transport.RouteGuideServer;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ListFeatures over a real HTTP/2 connection to a reader that stops reading: the service stops
 * producing once the transport's windows are full, instead of queueing the whole result in memory
 * as the reference servers do. In-process the window is a few messages; over TCP it is bytes.
 */
class TcpFlowControlTest {

  private static final int MILLION = 1_000_000;

  /**
   * What may legitimately be in flight to a reader that stopped: the client's HTTP/2 stream window
   * (grpc-java's default, 1 MiB) plus the server's own outbound buffer before it stops being ready
   * (32 KiB), plus the socket buffers of both ends; taken as 4 MiB to stay clear of kernel tuning.
   */
  private static final long MAX_BYTES_IN_FLIGHT = 4L << 20;

  private RouteGuideServer server;
  private ManagedChannel channel;

  @AfterEach
  void shutDown() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void stopsProducingForAReaderThatStopsReading() throws Exception {
    List<Feature> features = new ArrayList<>(MILLION);
    for (int lat = 0; lat < 1000; lat++) {
      for (int lon = 0; lon < 1000; lon++) {
        features.add(Feature.named("grid point", Point.ofE7(lat * 10, lon * 10)));
      }
    }
    ObservedRouteGuide backend =
        new ObservedRouteGuide(
            new LocalRouteGuide(
                FeatureCatalogue.of(features), new InMemoryNoteBoard(), Clock.systemUTC()));
    server = RouteGuideServer.builder(backend).tcp("127.0.0.1", 0).start();
    channel = RouteGuideChannels.plaintext(server.target());

    Context.CancellableContext call = Context.current().withCancellation();
    Iterator<dev.routeguide.grpc.proto.Feature> received =
        call.call(
            () ->
                RouteGuideGrpc.newBlockingStub(channel)
                    .listFeatures(ProtoMapper.toProto(Rectangle.world())));
    int featureBytes = received.next().getSerializedSize() + 5; // gRPC's length-prefix
    ObservedFeatureStream stream = backend.nextFeatureStream();

    long stalledAt = awaitProductionToStall(stream);

    long bound = MAX_BYTES_IN_FLIGHT / featureBytes;
    assertThat(stalledAt).isLessThan(bound).isLessThan(MILLION / 10);
    call.cancel(null);
    stream.awaitClosed();
    assertThat(stream.pulledAfterClose()).isZero();
  }

  /**
   * Waits until the service has pulled nothing more for a while and returns how many it pulled.
   * Quiescence can only be observed over time; the assertion is on the count, not on timing.
   */
  private static long awaitProductionToStall(ObservedFeatureStream stream)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long previous = -1;
    int unchangedChecks = 0;
    while (System.nanoTime() < deadline) {
      long now = stream.pulled();
      unchangedChecks = now == previous ? unchangedChecks + 1 : 0;
      if (unchangedChecks == 10) {
        return now;
      }
      previous = now;
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new AssertionError(
        "the service was still producing after 30 s: " + stream.pulled() + " features pulled");
  }
}
