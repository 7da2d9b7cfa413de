package dev.routeguide.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
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

  @Test
  void translatesAnyFailureKeepingItAsTheCause() {
    StatusRuntimeException grpc = Status.NOT_FOUND.withDescription("gone").asRuntimeException();
    RouteGuideStatusException fromGrpc = RouteGuideStatusException.from(grpc);
    assertThat(fromGrpc.code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(fromGrpc).hasCause(grpc);

    IllegalStateException other = new IllegalStateException("boom");
    assertThat(RouteGuideStatusException.from(other).code()).isEqualTo(Status.Code.UNKNOWN);
    assertThat(RouteGuideStatusException.from(fromGrpc)).isSameAs(fromGrpc);
  }
}
