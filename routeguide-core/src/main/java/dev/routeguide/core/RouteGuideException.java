package dev.routeguide.core;

/**
 * A RouteGuide operation failed for a reason every transport reports the same way. Each reason
 * has one subclass, raised alike by {@link LocalRouteGuide} and by remote clients, so callers
 * catch one type per failure whatever carries the call:
 *
 * <ul>
 *   <li>{@link InvalidArgumentException}: the input breaks a rule (a note too long);
 *   <li>{@link ResourceExhaustedException}: a limit of the server was reached;
 *   <li>{@link UnavailableException}: a part the operation needs cannot be reached now;
 *   <li>{@link PermissionDeniedException}: the caller may not run this operation.
 * </ul>
 *
 * <p>Remote clients raise their own subclass for failures that exist only over a network (a
 * deadline, a cancelled call, an internal error of the server). Null arguments are programming
 * errors, not failures of an operation: they raise {@link NullPointerException} everywhere.
 *
 * @since 0.2.0
 */
public abstract class RouteGuideException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with the given message, which starts with the field or limit it is about. */
  protected RouteGuideException(String message) {
    super(message);
  }

  /** An exception with the given message and cause. */
  protected RouteGuideException(String message, Throwable cause) {
    super(message, cause);
  }
}
