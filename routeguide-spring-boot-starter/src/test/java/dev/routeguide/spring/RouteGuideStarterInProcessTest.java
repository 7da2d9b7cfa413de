package dev.routeguide.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.RouteGuideGrpc.RouteGuideBlockingStub;
import dev.routeguide.grpc.proto.RouteGuideGrpc.RouteGuideStub;
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
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.client.ImportGrpcClients;

/**
 * An application with the starter and no RouteGuide code of its own ({@link
 * EmbeddingApplication}), served over Spring gRPC's in-process test transport: the four RPCs
 * answer through generated stubs injected as beans and through {@link RouteGuideClient}, and a
 * bean of the application's own replaces the starter's. The README's testing snippets come from
 * here.
 */
// tag::spring_boot_testing[]
@SpringBootTest
@AutoConfigureTestGrpcTransport
@ImportGrpcClients(types = {RouteGuideBlockingStub.class, RouteGuideStub.class})
class RouteGuideStarterInProcessTest {

  @Autowired private RouteGuideBlockingStub routeGuide;

  @Test
  void answersGetFeatureWithoutANetworkPort() {
    Point point = Point.newBuilder().setLatitude(409146138).setLongitude(-746188906).build();
    Feature feature = routeGuide.getFeature(point);
    assertThat(feature.getName())
        .isEqualTo("Berkshire Valley Management Area Trail, Jefferson, NJ, USA");
  }
  // end::spring_boot_testing[]

  // tag::spring_boot_override[]
  /** A bean of the application's own replaces the starter's: here, a stricter note board. */
  @TestConfiguration
  static class ShortNotes {
    @Bean
    NoteBoard noteBoard() {
      return new InMemoryNoteBoard(NoteBoardLimits.DEFAULT.withMaxMessageLength(10));
    }
  }
  // end::spring_boot_override[]

  @Autowired private RouteGuideStub asyncRouteGuide;
  @Autowired private GrpcChannelFactory channels;
  @Autowired private RouteGuide backend;
  @Autowired private NoteBoard noteBoard;

  @Test
  void generatedStubsGetAnswersToAllFourRpcs() throws Exception {
    ServesAllFourRpcs.overGeneratedStubs(routeGuide, asyncRouteGuide);
  }

  @Test
  void routeGuideClientGetsAnswersToAllFourRpcs() throws Exception {
    // The channel factory owns its channels and shuts them down with the context.
    RouteGuideClient client = RouteGuideClient.over(channels.createChannel("routeguide"));
    ServesAllFourRpcs.overClient(client);
  }

  @Test
  void theApplicationsOwnNoteBoardIsServed() throws Exception {
    assertThat(backend)
        .isInstanceOfSatisfying(
            LocalRouteGuide.class, guide -> assertThat(guide.noteBoard()).isSameAs(noteBoard));
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
