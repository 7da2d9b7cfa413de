package dev.routeguide.opentelemetry.bench;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuideObserver;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.notes.NoteBoardObserver;
import dev.routeguide.core.route.MonotonicClock;
import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.Rectangle;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.transport.RouteGuideServer;
import dev.routeguide.grpc.transport.RouteGuideServerBuilder;
import dev.routeguide.opentelemetry.RouteGuideMetrics;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.io.IOException;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What metrics cost on the hot paths: GetFeature and ListFeatures over gRPC in-process (the
 * fastest transport, so the cost shows most): no metrics ({@code off}, the baseline), the domain
 * metrics alone ({@code domain}: the core's observers recording to an SDK with a metric reader),
 * and those plus gRPC's A66 server metrics ({@code all}). Run by {@link MetricsCostReport}.
 *
 * <p>Server and channel both run on the calling thread (direct executors), so that a call costs
 * only CPU: with gRPC's default executors every call waits for two thread wake-ups, which on a
 * small VM take tens of microseconds each, vary by more than the cost measured here, and hide it.
 */
@State(Scope.Benchmark)
public class MetricsCostBenchmark {

  /** ListFeatures' box: the canonical catalogue's 64 features around New Jersey and New York. */
  static final int FEATURES_IN_BOX = 64;

  private static final dev.routeguide.grpc.proto.Point KNOWN =
      dev.routeguide.grpc.proto.Point.newBuilder()
          .setLatitude(409_146_138)
          .setLongitude(-746_188_906)
          .build();
  private static final Rectangle BOX =
      Rectangle.newBuilder()
          .setLo(dev.routeguide.grpc.proto.Point.newBuilder()
              .setLatitude(400_000_000).setLongitude(-750_000_000))
          .setHi(dev.routeguide.grpc.proto.Point.newBuilder()
              .setLatitude(420_000_000).setLongitude(-730_000_000))
          .build();

  @Param({"off", "domain", "all"})
  public String metrics;

  private OpenTelemetrySdk sdk;
  private RouteGuideMetrics observer;
  private RouteGuideServer server;
  private ManagedChannel channel;
  private RouteGuideGrpc.RouteGuideBlockingStub stub;

  @Setup(Level.Trial)
  public void start() throws IOException {
    String name = "metrics-cost-" + UUID.randomUUID();
    RouteGuideObserver guideObserver = RouteGuideObserver.NONE;
    NoteBoardObserver boardObserver = NoteBoardObserver.NONE;
    if (!metrics.equals("off")) {
      sdk =
          OpenTelemetrySdk.builder()
              .setMeterProvider(
                  SdkMeterProvider.builder()
                      .registerMetricReader(InMemoryMetricReader.create())
                      .build())
              .build();
      observer = RouteGuideMetrics.of(sdk);
      guideObserver = observer;
      boardObserver = observer;
    }
    LocalRouteGuide guide =
        new LocalRouteGuide(
            FeatureCatalogue.canonical(),
            new InMemoryNoteBoard(NoteBoardLimits.DEFAULT, boardObserver),
            MonotonicClock.startingNow(),
            guideObserver);
    RouteGuideServerBuilder builder =
        RouteGuideServer.builder(guide).inProcess(name).directExecutor();
    if (metrics.equals("all")) {
      builder.metrics(sdk);
    }
    server = builder.start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    stub = RouteGuideGrpc.newBlockingStub(channel);
    if (!stub.getFeature(KNOWN).getName().startsWith("Berkshire")) {
      throw new IllegalStateException("unexpected answer");
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
    if (sdk != null) {
      observer.close();
      sdk.close();
    }
  }

  @Benchmark
  public Feature getFeature() {
    return stub.getFeature(KNOWN);
  }

  @Benchmark
  @OperationsPerInvocation(FEATURES_IN_BOX)
  public void listFeatures(Blackhole blackhole) {
    Iterator<Feature> features = stub.listFeatures(BOX);
    int count = 0;
    while (features.hasNext()) {
      blackhole.consume(features.next());
      count++;
    }
    if (count != FEATURES_IN_BOX) {
      throw new IllegalStateException("streamed " + count + " features, expected " + FEATURES_IN_BOX);
    }
  }

}
