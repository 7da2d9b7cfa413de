package dev.routeguide.examples.cli;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuideObserver;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.features.FeatureDatabase;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.notes.NoteBoardObserver;
import dev.routeguide.core.route.MonotonicClock;
import dev.routeguide.grpc.server.RouteGuideService;
import dev.routeguide.grpc.transport.RouteGuideServer;
import dev.routeguide.grpc.transport.RouteGuideServerBuilder;
import dev.routeguide.opentelemetry.RouteGuideMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that say what a server serves and how: its database, note-board limits, shutdown
 * grace, executor.
 */
final class ServerOptions {

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description = "Feature database (JSON). Default: the bundled canonical database.")
  Path database;

  @Option(
      names = "--max-notes-per-location",
      paramLabel = "N",
      description = "RouteChat notes kept per location; older ones are dropped. Default: ${DEFAULT-VALUE}.")
  int maxNotesPerLocation = NoteBoardLimits.DEFAULT.maxNotesPerLocation();

  @Option(
      names = "--max-locations",
      paramLabel = "N",
      description = "RouteChat locations kept in memory; beyond it the least recently posted-to location of the new one's segment (up to 64, by hash) is evicted. Default: ${DEFAULT-VALUE}. (With --redis, --note-ttl bounds them instead.)")
  int maxLocations = NoteBoardLimits.DEFAULT.maxLocations();

  @Option(
      names = "--max-message-length",
      paramLabel = "CHARS",
      description = "Longest RouteChat message accepted. Default: ${DEFAULT-VALUE}.")
  int maxMessageLength = NoteBoardLimits.DEFAULT.maxMessageLength();

  @Option(
      names = "--max-note-bytes",
      paramLabel = "BYTES",
      description = "Heap the RouteChat notes may retain, as the board counts it (objects, headers "
          + "and 1 or 2 bytes per char); beyond it the least recently posted-to locations of the "
          + "post's segment are evicted. "
          + "The default fits the server with the canonical database in a 256 MB heap under a "
          + "flood of the longest notes. Default: ${DEFAULT-VALUE} (64 MiB).")
  long maxNoteBytes = NoteBoardLimits.DEFAULT.maxNoteBytes();

  @Option(
      names = "--live-chat",
      description = "Live RouteChat delivery: an open chat also receives the notes that others "
          + "post later at the locations it has posted at (never its own); a reader too slow for "
          + "its buffer is ended with RESOURCE_EXHAUSTED. Off by default: tutorial clients then "
          + "see only the replies to their own notes.")
  boolean liveChat;

  @Option(
      names = "--grace-period",
      paramLabel = "SECONDS",
      description = "On shutdown, how long calls in flight may run before they are cancelled. Default: ${DEFAULT-VALUE}.")
  int gracePeriodSeconds = 5;

  @Option(
      names = "--direct-executor",
      description = "Run service code on the transport's threads instead of gRPC's thread pool: "
          + "safe here because the in-memory note board never blocks, but never use it with a "
          + "backend that can block (such as a Redis note board), which would stall the transport.")
  boolean directExecutor;

  /** Validates the numeric options, reporting a usage error for the first bad one. */
  void validate(CommandSpec spec) {
    requirePositive(spec, "--max-notes-per-location", maxNotesPerLocation);
    requirePositive(spec, "--max-locations", maxLocations);
    requirePositive(spec, "--max-message-length", maxMessageLength);
    if (maxNoteBytes <= 0) {
      throw new ParameterException(
          spec.commandLine(), "--max-note-bytes must be positive, got " + maxNoteBytes);
    }
    try {
      noteBoardLimits();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--max-note-bytes: " + e.getMessage());
    }
    if (gracePeriodSeconds < 0) {
      throw new ParameterException(
          spec.commandLine(), "--grace-period must not be negative, got " + gracePeriodSeconds);
    }
  }

  /** Reads the database and builds the service with an in-memory board of these limits. */
  LoadedService loadService() throws IOException {
    return loadService(inMemoryBoard(null), null);
  }

  /**
   * A new in-memory board of these limits, reporting its domain metrics to {@code metrics} unless
   * it is null.
   */
  InMemoryNoteBoard inMemoryBoard(RouteGuideMetrics metrics) {
    InMemoryNoteBoard board =
        new InMemoryNoteBoard(noteBoardLimits(), metrics == null ? NoteBoardObserver.NONE : metrics);
    if (metrics != null) {
      metrics.observeLocationsHeld(board::locationCount).observeBytesHeld(board::bytesHeld);
    }
    return board;
  }

  /**
   * Reads the database and builds the service over the given note board, reporting the domain
   * metrics to {@code metrics} unless it is null.
   */
  LoadedService loadService(NoteBoard noteBoard, RouteGuideMetrics metrics) throws IOException {
    CliErrors.requireReadable("--db", database);
    List<Feature> entries =
        database == null ? FeatureDatabase.readCanonical() : FeatureDatabase.read(database);
    FeatureCatalogue catalogue = FeatureCatalogue.of(entries);
    LocalRouteGuide backend =
        new LocalRouteGuide(
                catalogue,
                noteBoard,
                MonotonicClock.startingNow(),
                metrics == null ? RouteGuideObserver.NONE : metrics)
            .withLiveChat(liveChat);
    String source = database == null ? "the bundled canonical database" : database.toString();
    RouteGuideService service =
        new RouteGuideService(backend, metrics == null ? NoteBoardObserver.NONE : metrics);
    return new LoadedService(service, entries.size(), catalogue.size(), source, liveChat);
  }

  /** Starts building a server for the loaded service, with health, reflection and the grace. */
  RouteGuideServerBuilder serverBuilder(LoadedService service) {
    RouteGuideServerBuilder builder =
        RouteGuideServer.builder(service.service())
            .withHealth()
            .withReflection()
            .shutdownGrace(Duration.ofSeconds(gracePeriodSeconds));
    return directExecutor ? builder.directExecutor() : builder;
  }

  /** The note-board limits the options give. */
  NoteBoardLimits noteBoardLimits() {
    return new NoteBoardLimits(maxNotesPerLocation, maxLocations, maxMessageLength, maxNoteBytes);
  }

  private static void requirePositive(CommandSpec spec, String option, int value) {
    if (value <= 0) {
      throw new ParameterException(spec.commandLine(), option + " must be positive, got " + value);
    }
  }

  /** A service ready to serve, and where its features came from. */
  record LoadedService(
      RouteGuideService service, int entries, int features, String source, boolean liveChat) {

    /** Prints the line that says the server is up. */
    void announce(PrintWriter out, RouteGuideServer server, String transport) {
      out.println("RouteGuide server listening on " + server.target() + " (" + transport + "), "
          + features + " features (" + entries + " entries) from " + source
          + "; health and reflection on" + (liveChat ? "; live chat on" : ""));
    }
  }
}
