package dev.routeguide.core;

/**
 * A part the operation needs cannot be reached now, e.g. the note store is down or too slow. The
 * operation may succeed if tried again later; the message names the part. Over gRPC this is
 * {@code UNAVAILABLE}.
 *
 * @since 0.2.0
 */
public final class UnavailableException extends RouteGuideException {

  private static final long serialVersionUID = 1L;

  /** An exception with the given message. */
  public UnavailableException(String message) {
    super(message);
  }

  /** An exception with the given message and cause. */
  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
