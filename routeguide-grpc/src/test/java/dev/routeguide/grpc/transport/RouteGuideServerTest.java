package dev.routeguide.grpc.transport;

import static dev.routeguide.grpc.transport.EchoRouteGuideService.nameFor;
import static dev.routeguide.grpc.transport.EchoRouteGuideService.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.MoreExecutors;
import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RouteGuideServerTest {

  private RouteGuideServer server;
  private ManagedChannel channel;

  @AfterEach
  void tearDown() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow();
      assertThat(channel.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
    if (server != null) {
      server.close();
    }
  }

  private static RouteGuideServerBuilder echoServer() {
    return RouteGuideServer.builder(EchoRouteGuideService.answering());
  }

  private static Feature getFeature(ManagedChannel channel, Point point) {
    return RouteGuideGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .getFeature(point);
  }

  @Nested
  class OverTcp {

    @Test
    void bindsARealPortWhenAskedForPortZero() throws IOException {
      server = echoServer().tcp("localhost", 0).start();

      assertThat(server.port()).isBetween(1, 65535);
      assertThat(server.target()).isEqualTo("localhost:" + server.port());
      assertThat(((InetSocketAddress) server.address()).getPort()).isEqualTo(server.port());
    }

    @Test
    void servesCallsOnItsTarget() throws IOException {
      server = echoServer().tcp("localhost", 0).start();
      channel = RouteGuideChannels.plaintext(server.target());

      assertThat(getFeature(channel, point(1, 2)).getName()).isEqualTo(nameFor(point(1, 2)));
    }

    @Test
    void targetsTheGivenHostWhenBoundToOne() throws IOException {
      server = echoServer().tcp("127.0.0.1", 0).start();
      channel = RouteGuideChannels.plaintext(server.target());

      assertThat(server.target()).isEqualTo("127.0.0.1:" + server.port());
      assertThat(getFeature(channel, point(5, 6)).getName()).isEqualTo(nameFor(point(5, 6)));
    }

    @Test
    void targetsLocalhostWhenBoundToAllInterfaces() throws IOException {
      server = RouteGuideServer.builder(EchoRouteGuideService.answering()).tcp(0).start();
      channel = RouteGuideChannels.plaintext(server.target());

      assertThat(server.target()).isEqualTo("localhost:" + server.port());
      assertThat(getFeature(channel, point(3, 4)).getName()).isEqualTo(nameFor(point(3, 4)));
    }

    @Test
    void failsToStartWithAnIoExceptionNamingTheAddressWhenThePortIsTaken() throws IOException {
      try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = taken.getLocalPort();
        RouteGuideServerBuilder builder =
            RouteGuideServer.builder(EchoRouteGuideService.answering())
                .tcp(taken.getInetAddress().getHostAddress(), port);

        assertThatThrownBy(builder::start)
            .isInstanceOf(IOException.class)
            .hasMessageContaining(":" + port);
      }
    }

    @Test
    void failsToStartWhenTheHostDoesNotResolve() {
      RouteGuideServerBuilder builder =
          RouteGuideServer.builder(EchoRouteGuideService.answering())
              .tcp("no-such-host.invalid", 0);

      assertThatThrownBy(builder::start)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("no-such-host.invalid");
    }
  }

  @Nested
  class Validation {

    private final RouteGuideServerBuilder builder =
        RouteGuideServer.builder(EchoRouteGuideService.answering());

    @Test
    void rejectsAPortOutOfRange() {
      assertThatThrownBy(() -> builder.tcp("localhost", 65536))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tcp port")
          .hasMessageContaining("65536");
      assertThatThrownBy(() -> builder.tcp(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tcp port");
    }

    @Test
    void rejectsABlankInProcessName() {
      assertThatThrownBy(() -> builder.inProcess(" "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("inProcess name");
    }

    @Test
    void rejectsANegativeGracePeriod() {
      assertThatThrownBy(() -> builder.shutdownGrace(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("shutdownGrace");
    }

    @Test
    void rejectsANegativeDrainPeriod() {
      assertThatThrownBy(() -> builder.drainPeriod(Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("drainPeriod must be zero or positive, was PT-0.001S");
    }

    @Test
    void refusesToStartWithoutATransport() {
      assertThatThrownBy(builder::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no transport");
    }

    @Test
    void refusesTlsInProcess() {
      builder
          .inProcess(InProcessServerBuilder.generateName())
          .tls(Path.of("c.pem"), Path.of("k.pem"));

      assertThatThrownBy(builder::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("tls")
          .hasMessageContaining("in-process");
    }

    @Test
    void refusesClientCertificatesWithoutTls() {
      builder.tcp("localhost", 0).requireClientCertificates(Path.of("ca.pem"));

      assertThatThrownBy(builder::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("requireClientCertificates")
          .hasMessageContaining("tls");
    }

    @Test
    void inProcessServersHaveNoPortAndNoTarget() throws IOException {
      server = builder.inProcess(InProcessServerBuilder.generateName()).start();

      assertThatThrownBy(server::port)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no TCP port");
      assertThatThrownBy(server::target)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("RouteGuideChannels.inProcess");
    }
  }

  @Nested
  class Health {

    private final String name = InProcessServerBuilder.generateName();

    @Test
    void reportsServingForTheServerAndTheRouteGuideService() throws IOException {
      server =
          RouteGuideServer.builder(EchoRouteGuideService.answering())
              .inProcess(name)
              .withHealth()
              .start();
      channel = RouteGuideChannels.inProcess(name);
      HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);

      assertThat(check(health, "").getStatus()).isEqualTo(ServingStatus.SERVING);
      assertThat(check(health, "routeguide.RouteGuide").getStatus())
          .isEqualTo(ServingStatus.SERVING);
      assertThatThrownBy(() -> check(health, "no.such.Service"))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void reportsNotServingAsSoonAsShutdownBegins() throws Exception {
      server =
          RouteGuideServer.builder(EchoRouteGuideService.answering())
              .inProcess(name)
              .withHealth()
              .shutdownGrace(Duration.ofSeconds(20))
              .start();
      channel = RouteGuideChannels.inProcess(name);
      io.grpc.Context.CancellableContext watch = io.grpc.Context.current().withCancellation();
      BlockingQueue<ServingStatus> statuses = HealthWatch.statuses(channel, watch, "");
      assertThat(statuses.poll(10, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);

      RouteGuideServer shuttingDown = server;
      CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(shuttingDown::shutdown);

      assertThat(statuses.poll(10, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
      watch.cancel(null); // the open watch is the last call in flight
      assertThat(shutdown.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void isAbsentUnlessAskedFor() throws IOException {
      server = RouteGuideServer.builder(EchoRouteGuideService.answering()).inProcess(name).start();
      channel = RouteGuideChannels.inProcess(name);

      assertThatThrownBy(() -> check(HealthGrpc.newBlockingStub(channel), ""))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
    }

    private HealthCheckResponse check(HealthGrpc.HealthBlockingStub health, String service) {
      return health
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.newBuilder().setService(service).build());
    }
  }

  @Nested
  class Reflection {

    @Test
    void listsTheRouteGuideService() throws Exception {
      String name = InProcessServerBuilder.generateName();
      server =
          RouteGuideServer.builder(EchoRouteGuideService.answering())
              .inProcess(name)
              .withHealth()
              .withReflection()
              .start();
      channel = RouteGuideChannels.inProcess(name);

      CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
      StreamObserver<ServerReflectionRequest> requests =
          ServerReflectionGrpc.newStub(channel)
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .serverReflectionInfo(
                  new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                      answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                      answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {}
                  });
      requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
      requests.onCompleted();

      List<String> services =
          answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
              .map(ServiceResponse::getName)
              .toList();
      assertThat(services)
          .contains(
              "routeguide.RouteGuide",
              "grpc.health.v1.Health",
              "grpc.reflection.v1.ServerReflection",
              "grpc.reflection.v1alpha.ServerReflection");
    }
  }

  @Nested
  class ServiceThreads {

    private final String name = InProcessServerBuilder.generateName();
    private final CompletableFuture<String> serviceThread = new CompletableFuture<>();
    private final RouteGuideGrpc.RouteGuideImplBase service =
        new RouteGuideGrpc.RouteGuideImplBase() {
          @Override
          public void getFeature(Point request, StreamObserver<Feature> responseObserver) {
            serviceThread.complete(Thread.currentThread().getName());
            responseObserver.onNext(Feature.getDefaultInstance());
            responseObserver.onCompleted();
          }
        };

    @Test
    void runsServiceCodeOnTheSharedTurnExecutorByDefault() throws Exception {
      server = RouteGuideServer.builder(service).inProcess(name).start();
      channel = RouteGuideChannels.inProcess(name);
      getFeature(channel, point(1, 2));
      assertThat(serviceThread.get(10, TimeUnit.SECONDS)).startsWith("routeguide-server-");
    }

    @Test
    void runsServiceCodeOnTheExecutorItIsGiven() throws Exception {
      ExecutorService pool =
          java.util.concurrent.Executors.newSingleThreadExecutor(task -> new Thread(task, "mine"));
      try {
        server = RouteGuideServer.builder(service).inProcess(name).executor(pool).start();
        channel = RouteGuideChannels.inProcess(name);
        getFeature(channel, point(1, 2));
        assertThat(serviceThread.get(10, TimeUnit.SECONDS)).isEqualTo("mine");
      } finally {
        server.close();
        server = null;
        pool.shutdownNow();
      }
    }

    @Test
    void runsServiceCodeOnTheCallersThreadWhenGivenGuavasDirectExecutor() throws Exception {
      // In process, a direct server runs the service on the thread whose call reaches it.
      server =
          RouteGuideServer.builder(service)
              .inProcess(name)
              .executor(MoreExecutors.directExecutor())
              .start();
      channel = RouteGuideChannels.inProcess(name);
      getFeature(channel, point(1, 2));
      assertThat(serviceThread.get(10, TimeUnit.SECONDS))
          .isEqualTo(Thread.currentThread().getName());
    }
  }

  @Nested
  class GracefulShutdown {

    private final String name = InProcessServerBuilder.generateName();
    private final EchoRouteGuideService service = EchoRouteGuideService.holding();

    @Test
    void letsACallInFlightFinishWithinTheGracePeriod() throws Exception {
      server =
          RouteGuideServer.builder(service)
              .inProcess(name)
              .shutdownGrace(Duration.ofSeconds(20))
              .start();
      channel = RouteGuideChannels.inProcess(name);
      var call = RouteGuideGrpc.newFutureStub(channel).getFeature(point(5, 6));
      assertThat(service.awaitCall()).isTrue();

      RouteGuideServer shuttingDown = server;
      CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(shuttingDown::shutdown);
      assertThat(awaitShutdownStarted(shuttingDown)).isTrue();
      assertThat(shutdown).isNotDone();
      service.release();

      assertThat(call.get(10, TimeUnit.SECONDS).getName()).isEqualTo(nameFor(point(5, 6)));
      assertThat(shutdown.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(server.isTerminated()).isTrue();
    }

    @Test
    void cancelsACallStillRunningWhenTheGracePeriodEnds() throws Exception {
      server =
          RouteGuideServer.builder(service)
              .inProcess(name)
              .shutdownGrace(Duration.ofMillis(200))
              .start();
      channel = RouteGuideChannels.inProcess(name);
      var call = RouteGuideGrpc.newFutureStub(channel).getFeature(point(5, 6));
      assertThat(service.awaitCall()).isTrue();

      try {
        assertThat(server.shutdown()).isTrue();
        assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
            .cause()
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode())
                    .isIn(Status.Code.UNAVAILABLE, Status.Code.CANCELLED));
      } finally {
        service.release();
      }
    }

    @Test
    void refusesNewCallsOnceShutdownBegins() throws Exception {
      server = RouteGuideServer.builder(EchoRouteGuideService.answering()).inProcess(name).start();
      channel = RouteGuideChannels.inProcess(name);
      assertThat(server.shutdown()).isTrue();

      assertThatThrownBy(() -> getFeature(channel, point(1, 1)))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
      assertThat(server.isShutdown()).isTrue();
    }

    private boolean awaitShutdownStarted(RouteGuideServer server) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!server.isShutdown()) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        Thread.sleep(5);
      }
      return true;
    }
  }
}
