package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.Rectangle;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.proto.RouteNote;
import dev.routeguide.grpc.proto.RouteSummary;
import dev.routeguide.grpc.server.RouteGuideService;
import dev.routeguide.grpc.transport.RouteGuideServer;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plain grpc-java server on TCP with a service of the user's own next to RouteGuideService,
 * called with the generated stubs of the wire API: all four RouteGuide RPCs.
 */
class EmbeddingTest {

  private static final Point TRAIL =
      Point.newBuilder().setLatitude(409146138).setLongitude(-746188906).build();
  private static final MethodDescriptor<String, String> HELLO =
      MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("example.Greeter/Hello")
          .setRequestMarshaller(new Utf8())
          .setResponseMarshaller(new Utf8())
          .build();

  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws IOException {
    ServerServiceDefinition greeter =
        ServerServiceDefinition.builder("example.Greeter")
            .addMethod(
                HELLO,
                ServerCalls.asyncUnaryCall(
                    (String name, StreamObserver<String> reply) -> {
                      reply.onNext("hello " + name);
                      reply.onCompleted();
                    }))
            .build();
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(greeter)
            .addService(RouteGuideService.of(FeatureCatalogue.canonical()))
            .build()
            .start();
    channel =
        Grpc.newChannelBuilder("localhost:" + server.getPort(), InsecureChannelCredentials.create())
            .build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void theReadyMadeServerNamesTheOneDependencyItNeeds() {
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () -> RouteGuideServer.builder(RouteGuideService.of(FeatureCatalogue.canonical())));
    assertTrue(
        missing.getMessage().contains("dev.routeguide:routeguide-transports"), missing.getMessage());
  }

  @Test
  void servesTheUsersOwnServiceAlongside() {
    assertEquals(
        "hello you", ClientCalls.blockingUnaryCall(channel, HELLO, CallOptions.DEFAULT, "you"));
  }

  @Test
  void answersGetFeature() {
    Feature feature = RouteGuideGrpc.newBlockingStub(channel).getFeature(TRAIL);
    assertEquals("Berkshire Valley Management Area Trail, Jefferson, NJ, USA", feature.getName());
  }

  @Test
  void streamsListFeatures() {
    Rectangle box =
        Rectangle.newBuilder()
            .setLo(Point.newBuilder().setLatitude(400000000).setLongitude(-750000000))
            .setHi(Point.newBuilder().setLatitude(420000000).setLongitude(-730000000))
            .build();
    int count = 0;
    for (Iterator<Feature> it = RouteGuideGrpc.newBlockingStub(channel).listFeatures(box);
        it.hasNext(); it.next()) {
      count++;
    }
    assertTrue(count > 0, "features in the box");
  }

  @Test
  void summarisesRecordRoute() throws Exception {
    CompletableFuture<RouteSummary> summary = new CompletableFuture<>();
    StreamObserver<Point> points =
        RouteGuideGrpc.newStub(channel).recordRoute(completingWith(summary));
    points.onNext(TRAIL);
    points.onNext(TRAIL);
    points.onCompleted();
    RouteSummary answer = summary.get(10, TimeUnit.SECONDS);
    assertEquals(2, answer.getPointCount());
    assertEquals(2, answer.getFeatureCount());
    assertEquals(0, answer.getDistance());
  }

  @Test
  void repliesToRouteChatWithEarlierNotes() throws Exception {
    List<RouteNote> received = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    StreamObserver<RouteNote> notes =
        RouteGuideGrpc.newStub(channel)
            .routeChat(
                new StreamObserver<>() {
                  @Override
                  public void onNext(RouteNote note) {
                    synchronized (received) {
                      received.add(note);
                    }
                  }

                  @Override
                  public void onError(Throwable t) {
                    done.countDown();
                  }

                  @Override
                  public void onCompleted() {
                    done.countDown();
                  }
                });
    notes.onNext(RouteNote.newBuilder().setLocation(TRAIL).setMessage("first").build());
    notes.onNext(RouteNote.newBuilder().setLocation(TRAIL).setMessage("second").build());
    notes.onCompleted();
    assertTrue(done.await(10, TimeUnit.SECONDS));
    synchronized (received) {
      assertEquals(1, received.size());
      assertEquals("first", received.get(0).getMessage());
    }
    assertFalse(channel.isShutdown());
  }

  private static <T> StreamObserver<T> completingWith(CompletableFuture<T> result) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        result.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        result.completeExceptionally(new AssertionError("completed without a response"));
      }
    };
  }

  private static final class Utf8 implements MethodDescriptor.Marshaller<String> {
    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
