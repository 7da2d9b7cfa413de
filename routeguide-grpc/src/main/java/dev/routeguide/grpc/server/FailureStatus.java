package dev.routeguide.grpc.server;

import dev.routeguide.grpc.client.RouteGuideStatusException;
import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.PermissionDeniedException;
import dev.routeguide.core.ResourceExhaustedException;
import dev.routeguide.core.UnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How the service turns failures into statuses: bad input becomes {@code INVALID_ARGUMENT} with
 * the validation message, which names the field; anything unexpected is logged here with its
 * stack trace and becomes a bare {@code INTERNAL}, so nothing about the server leaks to clients.
 * A {@link dev.routeguide.core.RouteGuideException} of core becomes its own code with its message as description.
 * A remote backend's status keeps its code, and its description unless the code is one of
 * {@code INTERNAL}, {@code UNKNOWN} or {@code DATA_LOSS}.
 */
final class FailureStatus {

  private static final Logger logger = Logger.getLogger(RouteGuideService.class.getName());

  /** Description sent to clients for every unexpected failure. */
  static final String INTERNAL_DESCRIPTION = "internal error";

  private FailureStatus() {}

  /** The answer to input that failed validation. */
  static StatusRuntimeException invalidArgument(IllegalArgumentException e) {
    return Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
  }

  /**
   * The answer to a failure of the backend while serving {@code rpc}. A backend that is itself a
   * remote RouteGuide reports {@link RouteGuideStatusException}: its code is passed on, and so is
   * its description unless the code says the failure was unexpected ({@code INTERNAL}, {@code
   * UNKNOWN}, {@code DATA_LOSS}), whose details stay in this server's log. Anything else is
   * unexpected, so it is logged and answered with {@code INTERNAL}.
   */
  static StatusRuntimeException fromBackend(String rpc, Throwable failure) {
    Status.Code domainCode = codeOf(failure);
    if (domainCode != null) {
      return Status.fromCode(domainCode).withDescription(failure.getMessage()).asRuntimeException();
    }
    if (failure instanceof RouteGuideStatusException remote) {
      Status status = remote.status();
      if (!isUnexpected(status.getCode())) {
        return status.asRuntimeException();
      }
      logger.log(Level.WARNING, "RouteGuide/" + rpc + " failed upstream; answering "
          + status.getCode() + " without its description", failure);
      return Status.fromCode(status.getCode()).withDescription(INTERNAL_DESCRIPTION)
          .asRuntimeException();
    }
    logger.log(Level.WARNING, "RouteGuide/" + rpc + " failed; answering INTERNAL", failure);
    return Status.INTERNAL.withDescription(INTERNAL_DESCRIPTION).asRuntimeException();
  }

  /** The status code of a core failure, or null if the failure is not one of core's. */
  private static Status.Code codeOf(Throwable failure) {
    if (failure instanceof InvalidArgumentException) {
      return Status.Code.INVALID_ARGUMENT;
    } else if (failure instanceof ResourceExhaustedException) {
      return Status.Code.RESOURCE_EXHAUSTED;
    } else if (failure instanceof UnavailableException) {
      return Status.Code.UNAVAILABLE;
    } else if (failure instanceof PermissionDeniedException) {
      return Status.Code.PERMISSION_DENIED;
    }
    return null;
  }

  private static boolean isUnexpected(Status.Code code) {
    return code == Status.Code.INTERNAL
        || code == Status.Code.UNKNOWN
        || code == Status.Code.DATA_LOSS;
  }
}
