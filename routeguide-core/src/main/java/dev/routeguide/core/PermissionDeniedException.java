package dev.routeguide.core;

/**
 * The caller is not allowed to run this operation. Over gRPC this is {@code PERMISSION_DENIED}.
 *
 * @since 0.2.0
 */
public final class PermissionDeniedException extends RouteGuideException {

  private static final long serialVersionUID = 1L;

  /** An exception with the given message. */
  public PermissionDeniedException(String message) {
    super(message);
  }

  /** An exception with the given message and cause. */
  public PermissionDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
