package dev.routeguide.grpc.client;

import io.grpc.Status;
import java.util.Objects;

/**
 * A RouteGuide call over gRPC failed: the one exception type {@link RouteGuideClient} raises, from
 * blocking calls, feature streams, futures and chat receivers alike. It carries the gRPC status
 * code and description, e.g. {@code INVALID_ARGUMENT} and {@code "lo must be set"}.
 *
 * @since 0.1.0
 */
public final class RouteGuideStatusException extends RuntimeException {

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
   * The exception for any failure of a gRPC call: the status carried by a {@link
   * io.grpc.StatusRuntimeException} or {@link io.grpc.StatusException}, {@code UNKNOWN} otherwise.
   * The failure is kept as the cause; a {@code RouteGuideStatusException} is returned as is.
   */
  static RouteGuideStatusException from(Throwable failure) {
    if (failure instanceof RouteGuideStatusException already) {
      return already;
    }
    return new RouteGuideStatusException(Status.fromThrowable(failure), failure);
  }

  /** The client's answer to a server message that does not decode into a core value. */
  static RouteGuideStatusException invalidResponse(IllegalArgumentException e) {
    return new RouteGuideStatusException(
        Status.INTERNAL.withDescription("invalid response from server: " + e.getMessage())
            .withCause(e));
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
