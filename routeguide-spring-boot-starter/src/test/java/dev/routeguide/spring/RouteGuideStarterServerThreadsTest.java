package dev.routeguide.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.transport.RouteGuideChannels;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.server.GlobalServerInterceptor;

/**
 * In an application with the starter ({@link EmbeddingApplication}), calls reach the service on
 * the threads of the shared {@code TurnExecutor} ({@link RouteGuideServerExecutorConfiguration}).
 */
@SpringBootTest(properties = {"spring.grpc.server.port=0", "spring.grpc.server.address=127.0.0.1"})
class RouteGuideStarterServerThreadsTest {

  @LocalGrpcServerPort private int port;
  @Autowired private CallThread callThread;

  @Test
  void servesCallsOnTheSharedTurnExecutorsThreads() throws Exception {
    ManagedChannel channel = RouteGuideChannels.plaintext("127.0.0.1:" + port);
    try {
      RouteGuideGrpc.newBlockingStub(channel)
          .getFeature(Point.newBuilder().setLatitude(1).setLongitude(2).build());
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    assertThat(callThread.name.get(10, TimeUnit.SECONDS)).startsWith("routeguide-server-");
  }

  /** Records the thread that starts the first call. */
  static final class CallThread implements ServerInterceptor {
    final CompletableFuture<String> name = new CompletableFuture<>();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      name.complete(Thread.currentThread().getName());
      return next.startCall(call, headers);
    }
  }

  @TestConfiguration
  static class RecordingCallThreads {
    @Bean
    @GlobalServerInterceptor
    CallThread callThread() {
      return new CallThread();
    }
  }
}
