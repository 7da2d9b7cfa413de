package dev.routeguide.grpc.server;

import io.grpc.stub.StreamObserver;

/** The request observer of a call that has already been answered with an error: drops all. */
final class IgnoringObserver<T> implements StreamObserver<T> {

  @Override
  public void onNext(T value) {}

  @Override
  public void onError(Throwable t) {}

  @Override
  public void onCompleted() {}
}
