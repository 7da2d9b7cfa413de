package dev.routeguide.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.PermissionDeniedException;
import dev.routeguide.core.ResourceExhaustedException;
import dev.routeguide.core.RouteGuideException;
import dev.routeguide.core.UnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RouteGuideStatusExceptionTest {

  @Test
  void carriesTheCodeAndDescriptionOfTheStatus() {
    RouteGuideStatusException e =
        new RouteGuideStatusException(Status.INVALID_ARGUMENT.withDescription("lo must be set"));
    assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.description()).isEqualTo("lo must be set");
    assertThat(e).hasMessage("INVALID_ARGUMENT: lo must be set");
    assertThat(e.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.status().getDescription()).isEqualTo("lo must be set");
  }

  @Test
  void hasAnEmptyDescriptionWhenTheStatusHadNone() {
    RouteGuideStatusException e = new RouteGuideStatusException(Status.CANCELLED);
    assertThat(e.description()).isEmpty();
    assertThat(e).hasMessage("CANCELLED");
    assertThat(e.status().getDescription()).isNull();
  }

  @Test
  void refusesAnOkStatus() {
    assertThatThrownBy(() -> new RouteGuideStatusException(Status.OK))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Nested
  class From {

    @Test
    void givesCoresOwnTypeForEachStatusOfTheSameNameWithTheDescriptionAsMessage() {
      assertThat(from(Status.INVALID_ARGUMENT.withDescription("lo must be set")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("lo must be set");
      assertThat(from(Status.RESOURCE_EXHAUSTED.withDescription("message too big")))
          .isInstanceOf(ResourceExhaustedException.class)
          .hasMessage("message too big");
      assertThat(from(Status.UNAVAILABLE.withDescription("connection refused")))
          .isInstanceOf(UnavailableException.class)
          .hasMessage("connection refused");
      assertThat(from(Status.PERMISSION_DENIED))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("PERMISSION_DENIED");
    }

    @Test
    void givesThisTypeForEveryOtherStatus() {
      assertThat(from(Status.DEADLINE_EXCEEDED.withDescription("late")))
          .isInstanceOfSatisfying(
              RouteGuideStatusException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
      assertThat(RouteGuideStatusException.from(new IllegalStateException("boom")))
          .isInstanceOfSatisfying(
              RouteGuideStatusException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.UNKNOWN));
    }

    @Test
    void keepsTheGrpcFailureAsTheCauseAndReturnsARouteGuideExceptionAsIs() {
      StatusRuntimeException grpc = Status.NOT_FOUND.withDescription("gone").asRuntimeException();
      RouteGuideException translated = RouteGuideStatusException.from(grpc);
      assertThat(translated).hasCause(grpc);
      assertThat(RouteGuideStatusException.from(translated)).isSameAs(translated);
    }

    private RouteGuideException from(Status status) {
      return RouteGuideStatusException.from(status.asRuntimeException());
    }
  }

  @Nested
  class StatusOf {

    @Test
    void isTheStatusOfTheCallForCoresTypes() {
      RouteGuideException e =
          RouteGuideStatusException.from(
              Status.INVALID_ARGUMENT.withDescription("lo must be set").asRuntimeException());
      Status status = RouteGuideStatusException.statusOf(e).orElseThrow();
      assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(status.getDescription()).isEqualTo("lo must be set");
    }

    @Test
    void isTheStatusOfThisType() {
      RouteGuideStatusException e =
          new RouteGuideStatusException(Status.DEADLINE_EXCEEDED.withDescription("late"));
      assertThat(RouteGuideStatusException.statusOf(e).orElseThrow().getCode())
          .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }

    @Test
    void isEmptyForAFailureThatNeverCrossedTheWire() {
      assertThat(
              RouteGuideStatusException.statusOf(new InvalidArgumentException("message too long")))
          .isEmpty();
    }

    @Test
    void refusesNullNamingTheParameter() {
      assertThatThrownBy(() -> RouteGuideStatusException.statusOf(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("failure");
    }
  }
}
