package dev.routeguide.examples.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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

  /** How the server's last line starts; it names the thread when there is room for that. */
  static final String LINE_START = "routeguide server: out of memory";

  private static final String LINE_END =
      "; exiting with status " + EXIT_STATUS + " so that a supervisor restarts it"
          + System.lineSeparator();

  private static final byte[] WORDS = (LINE_START + LINE_END).getBytes(StandardCharsets.UTF_8);

  private static final FileOutputStream STANDARD_ERROR = new FileOutputStream(FileDescriptor.err);

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

  /**
   * Says why on standard error, then halts. The words are made ready at install time and written
   * straight to the file descriptor, so that a heap with no room left cannot stop them (a richer
   * line naming the thread is tried first); both console streams stay locked until the halt, so
   * that no other thread's output can come after them.
   */
  private static void halt(Thread thread) {
    synchronized (System.out) {
      synchronized (System.err) {
        byte[] words = WORDS;
        try {
          words = (LINE_START + " in thread " + thread.getName() + LINE_END)
              .getBytes(StandardCharsets.UTF_8);
        } catch (Throwable noRoom) {
          // keep the words made ready at install time
        }
        try {
          System.out.flush();
          System.err.flush();
          STANDARD_ERROR.write(words);
        } catch (Throwable ignored) {
          // exiting matters more than saying why
        }
        Runtime.getRuntime().halt(EXIT_STATUS);
      }
    }
  }
}
