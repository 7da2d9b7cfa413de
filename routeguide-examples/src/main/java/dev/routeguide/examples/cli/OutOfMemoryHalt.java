package dev.routeguide.examples.cli;

import java.io.PrintStream;

/**
 * Ends the server process when a thread dies of an {@link OutOfMemoryError}, so that a supervisor
 * restarts it instead of leaving it half alive (its executor threads gone, its event loops
 * failing). This is the fallback for launches without {@code -XX:+ExitOnOutOfMemoryError}, which
 * remains the documented launch: the JVM flag also catches errors that gRPC's event loops log and
 * swallow, which never reach a thread's handler.
 */
final class OutOfMemoryHalt {

  /** The exit status, the same as the JVM's own for {@code -XX:+ExitOnOutOfMemoryError}. */
  static final int EXIT_STATUS = 3;

  private OutOfMemoryHalt() {}

  /** Installs the handler for every thread that has none of its own; other errors print as usual. */
  static void install() {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, error) -> {
          if (outOfMemory(error)) {
            halt(thread);
          } else if (previous != null) {
            previous.uncaughtException(thread, error);
          } else {
            PrintStream err = System.err;
            err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace(err);
          }
        });
  }

  private static boolean outOfMemory(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  private static void halt(Thread thread) {
    try {
      System.err.println("routeguide server: out of memory in thread " + thread.getName()
          + "; exiting with status " + EXIT_STATUS + " so that a supervisor restarts it");
    } catch (Throwable ignored) {
      // even printing may fail without memory; exiting matters more
    }
    Runtime.getRuntime().halt(EXIT_STATUS);
  }
}
