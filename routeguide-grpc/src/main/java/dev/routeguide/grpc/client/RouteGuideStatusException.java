package dev.routeguide.grpc.client;

import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.PermissionDeniedException;
import dev.routeguide.core.ResourceExhaustedException;
import dev.routeguide.core.RouteGuideException;
import dev.routeguide.core.UnavailableException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A RouteGuide call over gRPC failed for a reason that exists only over a network: a deadline, a
 * cancelled call, an unreachable peer's transport error, an internal error of the server or an
 * invalid response. It carries the gRPC status code and description.
 *
 * <p>{@link RouteGuideClient} raises core's own types for the statuses of the same name, exactly
 * as {@link dev.routeguide.core.LocalRouteGuide} does: {@link InvalidArgumentException} for {@code
 * INVALID_ARGUMENT}, {@link ResourceExhaustedException}, {@link UnavailableException} and {@link
 * PermissionDeniedException}, each with the status description as its message (which starts with
 * the field, e.g. {@code "lo must be set"}). This type is for every other status. Either way
 * {@link #statusOf(Throwable)} gives the gRPC status of the call.
 *
 * @since 0.1.0
 */
public final class RouteGuideStatusException extends RouteGuideException {

  private static final long serialVersionUID = 1L;

  private final Status.Code code;
  private final String description;

  /**
   * An exception for a call that ended with the given status.
   *
   * @param status a non-OK status; its cause, if any, becomes this exception's cause
   * @throws NullPointerException if status is null
   * @throws IllegalArgumentException if the status is OK
   */
  public RouteGuideStatusException(Status status) {
    this(Objects.requireNonNull(status, "status"), status.getCause());
  }

  private RouteGuideStatusException(Status status, Throwable cause) {
    super(message(status), cause);
    if (status.isOk()) {
      throw new IllegalArgumentException("status must not be OK");
    }
    this.code = status.getCode();
    this.description = status.getDescription() == null ? "" : status.getDescription();
  }

  /**
   * The gRPC status of a failed RouteGuide call, from any exception {@link RouteGuideClient} raised
   * (a core {@link RouteGuideException} or this type) or from its causes.
   *
   * @return the status, or empty if neither the exception nor a cause carries one
   * @throws NullPointerException if failure is null
   */
  public static Optional<Status> statusOf(Throwable failure) {
    Objects.requireNonNull(failure, "failure");
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RouteGuideStatusException remote) {
        return Optional.of(remote.status());
      } else if (t instanceof StatusRuntimeException grpc) {
        return Optional.of(grpc.getStatus());
      } else if (t instanceof StatusException grpc) {
        return Optional.of(grpc.getStatus());
      }
    }
    return Optional.empty();
  }

  /**
   * The exception for any failure of a gRPC call, from the status carried by a {@link
   * StatusRuntimeException} or {@link StatusException} ({@code UNKNOWN} for anything else): core's
   * type for {@code INVALID_ARGUMENT}, {@code RESOURCE_EXHAUSTED}, {@code UNAVAILABLE} and {@code
   * PERMISSION_DENIED}, this type otherwise. The failure is kept as the cause; a {@link
   * RouteGuideException} is returned as is.
   */
  static RouteGuideException from(Throwable failure) {
    if (failure instanceof RouteGuideException already) {
      return already;
    }
    Status status = Status.fromThrowable(failure);
    String message =
        status.getDescription() == null || status.getDescription().isEmpty()
            ? status.getCode().name()
            : status.getDescription();
    return switch (status.getCode()) {
      case INVALID_ARGUMENT -> new InvalidArgumentException(message, failure);
      case RESOURCE_EXHAUSTED -> new ResourceExhaustedException(message, failure);
      case UNAVAILABLE -> new UnavailableException(message, failure);
      case PERMISSION_DENIED -> new PermissionDeniedException(message, failure);
      default -> new RouteGuideStatusException(status, failure);
    };
  }

  /** The client's answer to a server message that does not decode into a core value. */
  static RouteGuideStatusException invalidResponse(IllegalArgumentException e) {
    return new RouteGuideStatusException(
        Status.INTERNAL.withDescription("invalid response from server: " + e.getMessage())
            .withCause(e));
  }

  /**
   * The core value of a server message, decoded by {@code decoder} (one of {@code ProtoMapper}'s
   * {@code fromProto}, which throw {@link IllegalArgumentException} for a message out of range).
   *
   * @throws RouteGuideStatusException {@code INTERNAL} "invalid response from server: ..." if the
   *     message does not decode
   */
  static <P, T> T decode(Function<? super P, ? extends T> decoder, P message) {
    try {
      return decoder.apply(message);
    } catch (IllegalArgumentException e) {
      throw invalidResponse(e);
    }
  }

  /** The client's answer to its thread's interrupt while it waited: {@code CANCELLED}. */
  static RouteGuideStatusException interrupted(String waitingFor) {
    String description = "interrupted while waiting " + waitingFor;
    return new RouteGuideStatusException(
        Status.CANCELLED.withDescription(description)
            .withCause(new InterruptedException(description)));
  }

  /** The gRPC status code of the failed call; never {@code OK}. */
  public Status.Code code() {
    return code;
  }

  /** The status description sent by the server or set by the client; empty if there was none. */
  public String description() {
    return description;
  }

  /** The status this exception stands for: its code and description, without cause. */
  public Status status() {
    return Status.fromCode(code).withDescription(description.isEmpty() ? null : description);
  }

  private static String message(Status status) {
    String description = status.getDescription();
    return description == null || description.isEmpty()
        ? status.getCode().name()
        : status.getCode() + ": " + description;
  }
}
