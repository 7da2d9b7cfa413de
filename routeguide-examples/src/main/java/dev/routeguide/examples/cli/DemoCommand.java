package dev.routeguide.examples.cli;

import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.grpc.transport.RouteGuideChannels;
import dev.routeguide.grpc.transport.RouteGuideServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code routeguide demo}: the whole tutorial in one process. Starts a server on an ephemeral
 * loopback port, runs the client sequence against it over TCP, and stops the server.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a RouteGuide server and the tutorial client against it, in one process.",
      "The server listens on a free loopback port; the client calls it over TCP; then both stop."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private ServerOptions server;

  @Mixin private TutorialOptions tutorial;

  @Override
  public Integer call() throws Exception {
    server.validate(spec);
    tutorial.validate(spec);
    PrintWriter out = spec.commandLine().getOut();
    ServerOptions.LoadedService service = server.loadService();
    TutorialOptions.Prepared sequence = tutorial.prepare();
    try (RouteGuideServer running = server.serverBuilder(service).tcp("127.0.0.1", 0).start()) {
      service.announce(out, running, "tcp, plaintext");
      try (RouteGuideClient client =
          RouteGuideClient.owning(RouteGuideChannels.plaintext(running.target()))) {
        sequence.run(client, out);
      }
      out.println("Demo finished; stopping the server");
    }
    return 0;
  }
}
