package dev.routeguide.grpc.authz;

import java.io.IOException;

/**
 * An authorization policy file that cannot be used: unreadable, or a rule that does not parse.
 * The message is one line naming the file, the line number and what is wrong.
 *
 * @since 0.2.0
 */
public final class InvalidPolicyException extends IOException {

  private static final long serialVersionUID = 1L;

  /** A failure with a one-line message and, optionally, the cause. */
  public InvalidPolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
