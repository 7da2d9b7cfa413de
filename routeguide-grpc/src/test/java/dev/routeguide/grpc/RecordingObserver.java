package dev.routeguide.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link StreamObserver} that keeps what it receives, for tests to await and inspect. */
final class RecordingObserver<T> implements StreamObserver<T> {

  private static final long TIMEOUT_SECONDS = 10;

  private final List<T> values = new ArrayList<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile Throwable error;

  @Override
  public synchronized void onNext(T value) {
    values.add(value);
  }

  @Override
  public void onError(Throwable t) {
    error = t;
    done.countDown();
  }

  @Override
  public void onCompleted() {
    done.countDown();
  }

  /** Waits for successful completion and returns every value received. */
  List<T> awaitCompletion() throws InterruptedException {
    assertThat(done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("call ended in time").isTrue();
    assertThat(error).as("call error").isNull();
    return values();
  }

  /** Waits for the call to fail and returns its status. */
  Status awaitFailure() throws InterruptedException {
    assertThat(done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("call ended in time").isTrue();
    assertThat(error).as("call error").isNotNull();
    return Status.fromThrowable(error);
  }

  synchronized List<T> values() {
    return List.copyOf(values);
  }
}
