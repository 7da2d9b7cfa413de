/**
 * RouteGuide over gRPC. {@link dev.routeguide.grpc.ProtoMapper} is the single conversion between
 * the wire messages of {@code dev.routeguide.grpc.proto} and core values, shared by the two sides:
 * {@link dev.routeguide.grpc.server} serves any {@link dev.routeguide.core.RouteGuide} to gRPC
 * peers, {@link dev.routeguide.grpc.client} is a {@code RouteGuide} that calls one, and {@link
 * dev.routeguide.grpc.transport} starts servers and opens channels on each transport.
 *
 * <p>Null policy: no method accepts or returns {@code null} unless its javadoc says so; a null
 * argument raises {@link NullPointerException} whose message is the parameter's name.
 */
package dev.routeguide.grpc;
