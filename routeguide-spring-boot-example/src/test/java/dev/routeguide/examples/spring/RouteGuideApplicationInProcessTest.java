package dev.routeguide.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.proto.RouteGuideGrpc.RouteGuideBlockingStub;
import dev.routeguide.grpc.proto.RouteNote;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.ImportGrpcClients;

/**
 * The README's way to test an application that embeds RouteGuide: Spring gRPC's in-process test
 * transport, a generated stub injected as a bean, and one of the starter's beans overridden.
 */
// tag::spring-boot-testing[]
@SpringBootTest
@AutoConfigureTestGrpcTransport
@ImportGrpcClients(types = {RouteGuideBlockingStub.class, RouteGuideGrpc.RouteGuideStub.class})
class RouteGuideApplicationInProcessTest {

  @Autowired private RouteGuideBlockingStub routeGuide;

  @Test
  void answersGetFeatureWithoutANetworkPort() {
    Point point = Point.newBuilder().setLatitude(409146138).setLongitude(-746188906).build();
    Feature feature = routeGuide.getFeature(point);
    assertThat(feature.getName())
        .isEqualTo("Berkshire Valley Management Area Trail, Jefferson, NJ, USA");
  }
  // end::spring-boot-testing[]

  @Autowired private RouteGuideGrpc.RouteGuideStub asyncRouteGuide;
  @Autowired private NoteBoard noteBoard;

  // tag::spring-boot-override[]
  /** Any bean of the application's own replaces the starter's: here, a stricter note board. */
  @TestConfiguration
  static class ShortNotes {
    @Bean
    NoteBoard noteBoard() {
      return new InMemoryNoteBoard(NoteBoardLimits.DEFAULT.withMaxMessageLength(10));
    }
  }
  // end::spring-boot-override[]

  @Test
  void theApplicationsOwnNoteBoardIsServed() throws Exception {
    assertThat(((InMemoryNoteBoard) noteBoard).limits().maxMessageLength()).isEqualTo(10);

    CompletableFuture<Void> ended = new CompletableFuture<>();
    StreamObserver<RouteNote> chat =
        asyncRouteGuide.routeChat(
            new StreamObserver<>() {
              @Override
              public void onNext(RouteNote reply) {}

              @Override
              public void onError(Throwable error) {
                ended.completeExceptionally(error);
              }

              @Override
              public void onCompleted() {
                ended.complete(null);
              }
            });
    chat.onNext(
        RouteNote.newBuilder()
            .setLocation(Point.newBuilder().setLatitude(1).setLongitude(1))
            .setMessage("longer than ten")
            .build());
    chat.onCompleted();

    assertThatThrownBy(() -> ended.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("limit of 10");
            });
  }
}
