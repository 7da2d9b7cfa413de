package dev.routeguide.examples.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code routeguide} command: {@code server}, {@code client} and {@code demo}. Exit codes: 0 on
 * success, 2 on bad usage, 1 on a failure at run time; errors are printed as one line on standard
 * error.
 *
 * @since 0.1.0
 */
@Command(
    name = "routeguide",
    mixinStandardHelpOptions = true,
    versionProvider = RouteGuideCli.Version.class,
    description = "The gRPC RouteGuide service: run a server, the tutorial client, or both.",
    subcommands = {ServerCommand.class, ClientCommand.class, DemoCommand.class},
    synopsisSubcommandLabel = "(server | client | demo)")
public final class RouteGuideCli implements Runnable {

  /** Exit code for a failure at run time (unreadable file, port in use, server unreachable...). */
  public static final int EXIT_FAILURE = 1;

  /** Exit code for bad usage (unknown flag, bad value, missing subcommand). */
  public static final int EXIT_USAGE = 2;

  // Held strongly: java.util.logging forgets the level of a logger nobody references.
  private static final List<Logger> QUIET_LOGGERS =
      List.of(Logger.getLogger("io.grpc.netty.shaded.io.netty.bootstrap"));

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    // Netty warns that Unix sockets have no SO_KEEPALIVE; true, and not the user's concern.
    QUIET_LOGGERS.forEach(logger -> logger.setLevel(Level.SEVERE));
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code, printing to standard output and error. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line with the given output and error writers; returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new RouteGuideCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExitCodeExceptionMapper(exception -> EXIT_FAILURE);
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          CommandLine failed = exception.getCommandLine();
          failed.getErr().println(
              failed.getCommandSpec().qualifiedName() + ": " + exception.getMessage()
                  + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
          return EXIT_USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> {
          failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": "
              + CliErrors.describe(exception));
          return EXIT_FAILURE;
        });
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: server, client or demo");
  }

  /** Reports the library version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = RouteGuideCli.class.getPackage().getImplementationVersion();
      return new String[] {"routeguide " + (version == null ? "(development build)" : version)};
    }
  }
}
