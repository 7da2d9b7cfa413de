/**
 * The client side: {@link dev.routeguide.grpc.client.RouteGuideClient} is a {@link
 * dev.routeguide.core.RouteGuide} that calls a RouteGuide server over any gRPC {@code Channel},
 * with flow-controlled streams. Failures are core's {@link dev.routeguide.core.RouteGuideException}
 * types, as for a local {@code RouteGuide}; {@link
 * dev.routeguide.grpc.client.RouteGuideStatusException} is the one for statuses core has no type
 * for, and gives the status of any failed call.
 *
 * <p>Null policy: no method accepts or returns {@code null} unless its javadoc says so; a null
 * argument raises {@link NullPointerException} whose message is the parameter's name.
 */
package dev.routeguide.grpc.client;
