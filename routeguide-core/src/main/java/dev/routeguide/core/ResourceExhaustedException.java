package dev.routeguide.core;

/**
 * An operation would exceed a limit of the server, e.g. a RouteChat receiving live notes faster
 * than its caller reads them from a bounded buffer. The message names the limit. Over gRPC this
 * is {@code RESOURCE_EXHAUSTED}.
 *
 * @since 0.2.0
 */
public final class ResourceExhaustedException extends RouteGuideException {

  private static final long serialVersionUID = 1L;

  /** An exception with the given message. */
  public ResourceExhaustedException(String message) {
    super(message);
  }

  /** An exception with the given message and cause. */
  public ResourceExhaustedException(String message, Throwable cause) {
    super(message, cause);
  }
}
