package dev.routeguide.examples.spring;

import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.spring.ServesAllFourRpcs;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The example application, as its README command starts it but on a free port, answers all four
 * RPCs over TCP: through the generated stubs and through {@link RouteGuideClient}.
 */
@SpringBootTest(properties = "spring.grpc.server.port=0")
class RouteGuideApplicationTcpTest {

  @LocalGrpcServerPort private int port;

  @Test
  void generatedStubsGetAnswersToAllFourRpcsOverTcp() throws Exception {
    ManagedChannel channel =
        Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create()).build();
    try {
      ServesAllFourRpcs.overGeneratedStubs(channel);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void routeGuideClientGetsAnswersToAllFourRpcsOverTcp() throws Exception {
    try (RouteGuideClient client = RouteGuideClient.connect("127.0.0.1:" + port)) {
      ServesAllFourRpcs.overClient(client);
    }
  }
}
