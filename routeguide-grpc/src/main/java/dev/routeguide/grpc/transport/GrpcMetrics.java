package dev.routeguide.grpc.transport;

import io.grpc.ManagedChannelBuilder;
import io.grpc.ServerBuilder;
import io.grpc.opentelemetry.GrpcOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Installs gRFC A66 metrics ({@code grpc.server.call.duration}, {@code
 * grpc.client.attempt.duration}, ...) on one server or channel builder through grpc-opentelemetry,
 * never globally. Kept apart so that servers and channels without metrics never load
 * OpenTelemetry classes, which are an optional dependency.
 */
final class GrpcMetrics {

  private GrpcMetrics() {}

  static void install(ServerBuilder<?> builder, OpenTelemetry openTelemetry) {
    GrpcOpenTelemetry.newBuilder().sdk(openTelemetry).build().configureServerBuilder(builder);
  }

  static void install(ManagedChannelBuilder<?> builder, OpenTelemetry openTelemetry) {
    GrpcOpenTelemetry.newBuilder().sdk(openTelemetry).build().configureChannelBuilder(builder);
  }
}
