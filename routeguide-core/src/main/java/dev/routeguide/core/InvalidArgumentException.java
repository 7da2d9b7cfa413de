package dev.routeguide.core;

/**
 * The input of an operation breaks a rule, e.g. a note longer than the board accepts or a point
 * out of range on the wire. The message starts with the field it is about ({@code "message is
 * 2000 chars long, ..."}, {@code "lo.latitude ..."}). Over gRPC this is {@code INVALID_ARGUMENT}.
 *
 * @since 0.2.0
 */
public final class InvalidArgumentException extends RouteGuideException {

  private static final long serialVersionUID = 1L;

  /** An exception with the given message. */
  public InvalidArgumentException(String message) {
    super(message);
  }

  /** An exception with the given message and cause. */
  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
