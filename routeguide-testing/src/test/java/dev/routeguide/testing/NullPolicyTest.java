package dev.routeguide.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.GreatCircle;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.grpc.client.RouteGuideStatusException;
import dev.routeguide.grpc.server.RouteGuideService;
import dev.routeguide.grpc.server.TurnExecutor;
import dev.routeguide.grpc.transport.RouteGuideChannels;
import dev.routeguide.grpc.transport.RouteGuideServer;
import dev.routeguide.testing.grpc.InProcessRouteGuide;
import dev.routeguide.testing.grpc.RouteGuideExtension;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one null policy of the public API, as each package-info states it: a null argument raises
 * {@link NullPointerException} whose message is the parameter's name, in every artifact.
 */
class NullPolicyTest {

  private static final Point HERE = Point.ofE7(409146138, -746188906);
  private static final RouteGuide LOCAL = LocalRouteGuide.of(FeatureCatalogue.canonical());
  private static final ManagedChannel CHANNEL =
      InProcessChannelBuilder.forName("never-connected").build();
  private static final RouteGuideClient CLIENT = RouteGuideClient.over(CHANNEL);

  @AfterAll
  static void closeTheChannel() throws InterruptedException {
    CHANNEL.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  static Stream<Arguments> entryPoints() {
    return Stream.of(
        // routeguide-core
        call("Feature.named", "name", () -> Feature.named(null, HERE)),
        call("RouteNote.at", "location", () -> RouteNote.at(null, "hi")),
        call("Rectangle.spanning", "southWest", () -> Rectangle.spanning(null, HERE)),
        call("GreatCircle.distanceMeters", "to", () -> GreatCircle.distanceMeters(HERE, null)),
        call("FeatureCatalogue.of", "features", () -> FeatureCatalogue.of(null)),
        call("LocalRouteGuide.getFeature", "location", () -> LOCAL.getFeature(null)),
        call("LocalRouteGuide.listFeatures", "area", () -> LOCAL.listFeatures(null)),
        call("LocalRouteGuide.routeChat", "receiver", () -> LOCAL.routeChat(null)),
        call("RouteGuide.recordRoute", "points", () -> LOCAL.recordRoute((Iterable<Point>) null)),
        // routeguide-grpc
        call("ProtoMapper.toProto", "point", () -> ProtoMapper.toProto((Point) null)),
        call(
            "ProtoMapper.fromProto",
            "message",
            () -> ProtoMapper.fromProto((dev.routeguide.grpc.proto.Rectangle) null)),
        call("RouteGuideService", "backend", () -> new RouteGuideService(null)),
        call("RouteGuideService.of", "catalogue", () -> RouteGuideService.of(null)),
        call("TurnExecutor.wrapping", "delegate", () -> TurnExecutor.wrapping(null)),
        call("RouteGuideClient.over", "channel", () -> RouteGuideClient.over(null)),
        call("RouteGuideClient.connect", "target", () -> RouteGuideClient.connect(null)),
        call("RouteGuideClient.getFeature", "location", () -> CLIENT.getFeature(null)),
        call("RouteGuideClient.listFeatures", "area", () -> CLIENT.listFeatures(null)),
        call("RouteGuideClient.withDeadline", "perCall", () -> CLIENT.withDeadline(null)),
        call("RouteGuideStatusException.statusOf", "failure",
            () -> RouteGuideStatusException.statusOf(null)),
        call("RouteGuideChannels.plaintext", "target", () -> RouteGuideChannels.plaintext(null)),
        call("RouteGuideChannels.tls", "target", () -> RouteGuideChannels.tls(null)),
        call("RouteGuideServer.builder", "backend",
            () -> RouteGuideServer.builder((RouteGuide) null)),
        call("RouteGuideServerBuilder.inProcess", "name",
            () -> RouteGuideServer.builder(LOCAL).inProcess(null)),
        call("RouteGuideServerBuilder.configureServerBuilder", "configurator",
            () -> RouteGuideServer.builder(LOCAL).configureServerBuilder(null)),
        call("RouteGuideServerBuilder.executor", "executor",
            () -> RouteGuideServer.builder(LOCAL).executor(null)),
        // routeguide-testing
        call("InProcessRouteGuide.Builder.shutdownTimeout", "shutdownTimeout",
            () -> InProcessRouteGuide.builder().shutdownTimeout(null)),
        call("RouteGuideExtension.Builder.catalogue", "catalogue",
            () -> RouteGuideExtension.builder().catalogue(null)));
  }

  private static Arguments call(String method, String parameter, ThrowingCallable call) {
    return Arguments.of(method, parameter, call);
  }

  @ParameterizedTest(name = "{0} names {1}")
  @MethodSource("entryPoints")
  void aNullArgumentIsANullPointerExceptionNamingTheParameter(
      String method, String parameter, ThrowingCallable call) {
    assertThatThrownBy(call).isExactlyInstanceOf(NullPointerException.class).hasMessage(parameter);
  }
}
