package dev.routeguide.examples.cli;

import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.core.UnavailableException;
import dev.routeguide.grpc.transport.RouteGuideChannels;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code routeguide client}: runs the tutorial sequence against a RouteGuide server. */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the tutorial's client sequence against a RouteGuide server.",
      "GetFeature twice, ListFeatures, RecordRoute of random database points, RouteChat with"
          + " five notes."
    })
final class ClientCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private TutorialOptions tutorial;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description = "Server to call: HOST:PORT, dns:///HOST:PORT or unix:/PATH. Default: ${DEFAULT-VALUE}.")
  private String target = "localhost:50051";

  @Option(names = "--tls", description = "Use TLS, trusting the system's certificate authorities.")
  private boolean tls;

  @Option(
      names = "--tls-ca",
      paramLabel = "PEM",
      description = "Use TLS, trusting only server certificates issued by this CA.")
  private Path tlsCa;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Client certificate chain for mutual TLS.")
  private Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Client private key (PKCS#8) for --tls-cert.")
  private Path tlsKey;

  @Override
  public Integer call() throws Exception {
    tutorial.validate(spec);
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
    }
    if (tlsCert != null && tlsCa == null && !tls) {
      throw new ParameterException(
          spec.commandLine(), "--tls-cert needs --tls-ca (or --tls for the system's CAs)");
    }
    CliErrors.requireReadable("--tls-ca", tlsCa);
    CliErrors.requireReadable("--tls-cert", tlsCert);
    CliErrors.requireReadable("--tls-key", tlsKey);
    TutorialOptions.Prepared sequence = tutorial.prepare();
    try (RouteGuideClient client = RouteGuideClient.owning(channel())) {
      spec.commandLine().getOut().println("RouteGuide client calling " + target);
      sequence.run(client, spec.commandLine().getOut());
    } catch (UnavailableException e) {
      throw new IOException("cannot reach " + target + ": " + CliErrors.describe(e));
    }
    return 0;
  }

  private ManagedChannel channel() throws IOException {
    try {
      return credentialedChannel();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--target '" + target + "' is not a valid target: " + e.getMessage());
    }
  }

  private ManagedChannel credentialedChannel() throws IOException {
    if (tlsCa != null && tlsCert != null) {
      return RouteGuideChannels.mutualTls(target, tlsCa, tlsCert, tlsKey);
    }
    if (tlsCa != null) {
      return RouteGuideChannels.tls(target, tlsCa);
    }
    if (tls && tlsCert == null) {
      return RouteGuideChannels.tls(target);
    }
    if (tls) {
      TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder();
      if (tlsCert != null) {
        credentials.keyManager(tlsCert.toFile(), tlsKey.toFile());
      }
      return Grpc.newChannelBuilder(target, credentials.build()).build();
    }
    return RouteGuideChannels.plaintext(target);
  }
}
