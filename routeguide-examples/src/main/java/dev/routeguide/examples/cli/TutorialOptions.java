package dev.routeguide.examples.cli;

import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureDatabase;
import dev.routeguide.examples.TutorialSequence;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of the tutorial client sequence: where random route points come from, pacing. */
final class TutorialOptions {

  @Option(
      names = "--route-db",
      paramLabel = "FILE",
      description = "Database the random RecordRoute points are picked from. Default: the bundled canonical database.")
  Path routeDatabase;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the random route, for a repeatable run. Default: random.")
  Long seed;

  @Option(
      names = "--pause-ms",
      paramLabel = "MILLIS",
      description = "Pause between RecordRoute points. Default: ${DEFAULT-VALUE}.")
  long pauseMillis = 100;

  /** Reports a usage error for a bad option. */
  void validate(CommandSpec spec) {
    if (pauseMillis < 0) {
      throw new ParameterException(
          spec.commandLine(), "--pause-ms must not be negative, got " + pauseMillis);
    }
  }

  /** Reads the route database, so that a bad file fails before anything is called. */
  Prepared prepare() throws IOException {
    CliErrors.requireReadable("--route-db", routeDatabase);
    List<Feature> points =
        routeDatabase == null
            ? FeatureDatabase.readCanonical()
            : FeatureDatabase.read(routeDatabase);
    return new Prepared(points, seed == null ? new Random() : new Random(seed),
        Duration.ofMillis(pauseMillis));
  }

  /** A sequence ready to run against any route guide. */
  record Prepared(List<Feature> points, Random random, Duration pause) {

    /** Runs the tutorial sequence against the route guide, printing to the writer. */
    void run(RouteGuide routeGuide, PrintWriter out) throws InterruptedException {
      new TutorialSequence(routeGuide, points, out, random, pause).run();
      out.flush();
    }
  }
}
