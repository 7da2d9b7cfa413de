/**
 * The client side: {@link dev.routeguide.grpc.client.RouteGuideClient} is a {@link
 * dev.routeguide.core.RouteGuide} that calls a RouteGuide server over any gRPC {@code Channel},
 * with flow-controlled streams, and {@link dev.routeguide.grpc.client.RouteGuideStatusException}
 * carries the status of a failed call.
 */
package dev.routeguide.grpc.client;
