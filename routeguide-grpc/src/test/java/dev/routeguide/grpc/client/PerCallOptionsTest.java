package dev.routeguide.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.grpc.server.RouteGuideService;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's per-call views reach the server: metadata, call credentials and compression. */
class PerCallOptionsTest {

  private static final Metadata.Key<String> TENANT =
      Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> ENCODING =
      Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);
  private static final Point TRAIL = Point.ofE7(409146138, -746188906);

  private final AtomicReference<Metadata> lastHeaders = new AtomicReference<>();
  private Server server;
  private ManagedChannel channel;
  private RouteGuideClient client;

  @BeforeEach
  void start() throws IOException {
    ServerInterceptor recordHeaders =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            lastHeaders.set(headers);
            return next.startCall(call, headers);
          }
        };
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .addService(
                ServerInterceptors.intercept(
                    RouteGuideService.of(FeatureCatalogue.canonical()), recordHeaders))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).build();
    client = RouteGuideClient.owning(channel);
  }

  @AfterEach
  void stop() throws InterruptedException {
    client.close();
    server.shutdown();
    assertThat(server.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void metadataOfEveryViewIsSentWithEachCall() {
    Metadata tenant = new Metadata();
    tenant.put(TENANT, "acme");
    RouteGuideClient view = client.withMetadata(tenant).withDeadline(Duration.ofSeconds(10));
    tenant.put(TENANT, "changed later");

    view.getFeature(TRAIL);

    assertThat(lastHeaders.get().getAll(TENANT)).containsExactly("acme");
    client.getFeature(TRAIL);
    assertThat(lastHeaders.get().get(TENANT)).as("the parent is unchanged").isNull();
  }

  @Test
  void callCredentialsAddTheirHeaders() {
    CallCredentials bearer =
        new CallCredentials() {
          @Override
          public void applyRequestMetadata(
              RequestInfo info, Executor executor, MetadataApplier applier) {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer token-1");
            applier.apply(headers);
          }
        };

    client.withCallCredentials(bearer).getFeature(TRAIL);

    assertThat(lastHeaders.get().get(AUTHORIZATION)).isEqualTo("Bearer token-1");
  }

  @Test
  void compressionNamesItsEncoding() {
    client.withCompression("gzip").getFeature(TRAIL);

    assertThat(lastHeaders.get().get(ENCODING)).isEqualTo("gzip");
  }

  @Test
  void viewsRefuseNullNamingTheParameter() {
    assertThatThrownBy(() -> client.withMetadata(null)).hasMessage("headers");
    assertThatThrownBy(() -> client.withCallCredentials(null)).hasMessage("credentials");
    assertThatThrownBy(() -> client.withCompression(null)).hasMessage("compressorName");
  }
}
