package dev.routeguide.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line in this JVM: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = RouteGuideCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /** The error output, which must be exactly one line. */
  String errorLine() {
    String trimmed = err.strip();
    if (trimmed.isEmpty() || trimmed.contains("\n")) {
      throw new AssertionError("expected exactly one line on stderr, got:\n" + err);
    }
    return trimmed;
  }
}
