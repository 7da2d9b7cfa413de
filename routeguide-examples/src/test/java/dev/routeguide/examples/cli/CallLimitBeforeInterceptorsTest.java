package dev.routeguide.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.grpc.transport.RouteGuideServer;
import dev.routeguide.grpc.transport.TransportLimits;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The calls-per-connection limit is the transport's, ahead of every interceptor the user adds: a
 * client opening more calls than allowed (before it has even acknowledged the server's SETTINGS)
 * has the streams beyond the limit refused before they become calls, so an interceptor, such as
 * an authorization check or a logger, never does work for them.
 */
@DisplayName("the calls-per-connection limit runs before the user's interceptors")
class CallLimitBeforeInterceptorsTest {

  private static final int LIMIT = 5;

  private RouteGuideServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Timeout(60)
  void anInterceptorSeesOnlyTheCallsWithinTheLimitAndTheRestAreRefusedStreams()
      throws Exception {
    AtomicInteger seen = new AtomicInteger();
    server =
        RouteGuideServer.builder(LocalRouteGuide.of(FeatureCatalogue.canonical()))
            .tcp("localhost", 0)
            .transportLimits(TransportLimits.DEFAULT.withMaxConcurrentCallsPerConnection(LIMIT))
            .interceptor(counting(seen))
            .start();
    int attempted = 4 * LIMIT;

    try (RawHttp2Connection connection =
        RawHttp2Connection.open(server.port()).handshake().answeringPings()) {
      for (int s = 0; s < attempted; s++) {
        connection.call(1 + 2 * s, "routeguide.RouteGuide/RouteChat", false);
      }
      AbuseMatrixTest.awaitCondition(Duration.ofSeconds(30),
          () -> connection.resetStreams().size() == attempted - LIMIT);

      assertThat(connection.resetStreams().values())
          .containsOnly(RawHttp2Connection.REFUSED_STREAM);
      assertThat(connection.endedCalls()).isEmpty();
      assertThat(seen.get()).isEqualTo(LIMIT);
    }
  }

  private static ServerInterceptor counting(AtomicInteger seen) {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        seen.incrementAndGet();
        return next.startCall(call, headers);
      }
    };
  }
}
