package dev.routeguide.grpc.transport;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Watches a service's health: every status the server reports, in order, until cancelled. */
final class HealthWatch {

  private HealthWatch() {}

  /** Starts watching the service within the context (cancel it to stop); statuses queue up. */
  static BlockingQueue<ServingStatus> statuses(
      ManagedChannel channel, Context.CancellableContext context, String service) {
    BlockingQueue<ServingStatus> statuses = new LinkedBlockingQueue<>();
    context.run(
        () ->
            HealthGrpc.newStub(channel)
                .watch(
                    HealthCheckRequest.newBuilder().setService(service).build(),
                    new StreamObserver<>() {
                      @Override
                      public void onNext(HealthCheckResponse response) {
                        statuses.add(response.getStatus());
                      }

                      @Override
                      public void onError(Throwable t) {}

                      @Override
                      public void onCompleted() {}
                    }));
    return statuses;
  }
}
