package dev.routeguide.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.transport.RouteGuideChannels;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LimitedServerExampleTest {

  @Test
  void servesRouteGuideAndRefusesAMessageOverTheDefaultSizeLimit() throws Exception {
    Server server = LimitedServerExample.start(0);
    ManagedChannel channel = RouteGuideChannels.plaintext("127.0.0.1:" + server.getPort());
    try {
      RouteGuideGrpc.RouteGuideBlockingStub stub =
          RouteGuideGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
      Point known = Point.newBuilder().setLatitude(409146138).setLongitude(-746188906).build();
      assertThat(stub.getFeature(known).getName()).isNotEmpty();

      Point oversized = known.toBuilder()
          .setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
              .addField(1000, com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                  .addLengthDelimited(com.google.protobuf.ByteString.copyFrom(new byte[17_000]))
                  .build())
              .build())
          .build();
      assertThatThrownBy(() -> stub.getFeature(oversized))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
