package dev.routeguide.grpc.transport;

import static dev.routeguide.grpc.transport.EchoRouteGuideService.nameFor;
import static dev.routeguide.grpc.transport.EchoRouteGuideService.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class UnixSocketTransportTest {

  /** Why Unix-socket tests are skipped here, or null when they can run. */
  public static String skipReason() {
    return Epoll.isAvailable()
        ? null
        : "Unix domain sockets need Netty's native epoll transport, which grpc-netty-shaded ships"
            + " for Linux x86-64 and aarch64 only; unavailable here: "
            + Epoll.unavailabilityCause();
  }

  @TempDir Path directory;

  private RouteGuideServer server;
  private ManagedChannel channel;

  @BeforeEach
  void requireEpoll() {
    Assumptions.assumeTrue(Epoll.isAvailable(), UnixSocketTransportTest::skipReason);
  }

  private static boolean eventLoopThreadsStopWithin(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().startsWith("routeguide-uds-") && thread.isAlive())) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

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

  @Test
  void servesCallsOnTheSocketAndRemovesItsFileWhenStopped() throws IOException {
    Path socket = directory.resolve("routeguide.sock");
    server = RouteGuideServer.builder(EchoRouteGuideService.answering()).unixSocket(socket).start();
    channel = RouteGuideChannels.unixSocket(socket);

    assertThat(socket).exists();
    assertThat(server.target()).isEqualTo("unix:" + socket.toAbsolutePath());
    assertThat(
            RouteGuideGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .getFeature(point(9, 10))
                .getName())
        .isEqualTo(nameFor(point(9, 10)));

    server.close();
    server = null;
    assertThat(socket).doesNotExist();
  }

  @Test
  void isReachableThroughItsTargetString() throws IOException {
    Path socket = directory.resolve("by-target.sock");
    server = RouteGuideServer.builder(EchoRouteGuideService.answering()).unixSocket(socket).start();
    channel = RouteGuideChannels.plaintext(server.target());

    assertThat(
            RouteGuideGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .getFeature(point(1, 1))
                .getName())
        .isEqualTo(nameFor(point(1, 1)));
  }

  @Test
  void hasNoTcpPort() throws IOException {
    server =
        RouteGuideServer.builder(EchoRouteGuideService.answering())
            .unixSocket(directory.resolve("no-port.sock"))
            .start();

    assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void releasesItsEventLoopThreadsWhenClosed() throws Exception {
    server =
        RouteGuideServer.builder(EchoRouteGuideService.answering())
            .unixSocket(directory.resolve("threads.sock"))
            .start();
    assertThat(eventLoopThreadsStopWithin(Duration.ZERO)).isFalse();

    server.close();
    server = null;

    assertThat(eventLoopThreadsStopWithin(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void releasesItsEventLoopThreadsWhenStartFails() throws Exception {
    Path missing = directory.resolve("missing-key.pem");
    RouteGuideServerBuilder builder =
        RouteGuideServer.builder(EchoRouteGuideService.answering())
            .unixSocket(directory.resolve("tls.sock"))
            .tls(missing, missing);

    assertThatThrownBy(builder::start)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(missing.toString());
    assertThat(eventLoopThreadsStopWithin(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void failsToStartWhenTheSocketFileAlreadyExists() throws IOException {
    Path socket = Files.createFile(directory.resolve("taken.sock"));
    RouteGuideServerBuilder builder =
        RouteGuideServer.builder(EchoRouteGuideService.answering()).unixSocket(socket);

    assertThatThrownBy(builder::start)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(socket.toAbsolutePath().toString());
  }
}
