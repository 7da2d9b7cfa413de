package dev.routeguide.examples.cli;

import dev.routeguide.core.RouteGuideException;
import dev.routeguide.core.features.FeatureDatabaseException;
import dev.routeguide.grpc.client.RouteGuideStatusException;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Turns a run-time failure into the one line the command prints. */
final class CliErrors {

  private CliErrors() {}

  /**
   * Checks that a file given for an option can be read, before anything else uses it.
   *
   * @throws IOException naming the option and the file if it is missing or unreadable
   */
  static void requireReadable(String option, Path file) throws IOException {
    if (file == null) {
      return;
    }
    if (!Files.exists(file)) {
      throw new IOException(option + " " + file + ": no such file");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IOException(option + " " + file + ": not a readable file");
    }
  }

  /** One line saying what went wrong, from the exception and its causes. */
  static String describe(Throwable error) {
    if (error instanceof NoSuchFileException missing) {
      return "no such file: " + missing.getFile();
    }
    if (error instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (error instanceof FeatureDatabaseException database) {
      return database.getMessage(); // already names the file, line, column and entry
    }
    Optional<Status> status =
        error instanceof RouteGuideException
            ? RouteGuideStatusException.statusOf(error)
            : Optional.empty();
    if (status.isPresent()) {
      Throwable root = error;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      // gRPC may append a multi-line transport dump to the description; keep its first line.
      String description =
          status.get().getDescription() == null
              ? ""
              : status.get().getDescription().lines().findFirst().orElse("");
      String rootMessage = root.getMessage();
      boolean rootAddsNothing = root == error || rootMessage == null;
      return ("RPC failed: " + status.get().getCode()
          + (description.isEmpty() ? "" : ": " + description)
          + (rootAddsNothing ? "" : " (" + rootMessage + ")"))
          .replace('\n', ' ');
    }
    StringBuilder line = new StringBuilder(message(error));
    for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      String detail = message(cause);
      if (!line.toString().contains(detail)) {
        line.append(": ").append(detail);
      }
    }
    return line.toString().replace('\n', ' ');
  }

  private static String message(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
  }
}
