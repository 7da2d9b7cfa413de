/**
 * RouteGuide over gRPC: {@link dev.routeguide.grpc.server.RouteGuideService} serves any {@link
 * dev.routeguide.core.RouteGuide} to gRPC peers, {@link dev.routeguide.grpc.client.RouteGuideClient}
 * is a {@code RouteGuide} that calls one, {@link dev.routeguide.grpc.ProtoMapper} is the single
 * conversion between wire messages and core values, and {@link
 * dev.routeguide.grpc.client.RouteGuideStatusException} is the one failure type of the client.
 */
package dev.routeguide.grpc;
