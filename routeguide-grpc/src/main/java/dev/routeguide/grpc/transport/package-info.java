/**
 * Serving and reaching RouteGuide over gRPC's transports: {@link
 * dev.routeguide.grpc.transport.RouteGuideServer} starts a server in process, on TCP (plain, TLS or
 * mutual TLS) or on a Unix domain socket, optionally with the standard health and reflection
 * services; {@link dev.routeguide.grpc.transport.RouteGuideChannels} opens matching channels.
 * Configured by {@link dev.routeguide.grpc.transport.RouteGuideServerBuilder}.
 *
 * <p>These classes need the transports that {@code routeguide-grpc} declares as optional: add the
 * one dependency {@code dev.routeguide:routeguide-transports} (type {@code pom}), which brings
 * {@code grpc-netty-shaded}, {@code grpc-inprocess} and {@code grpc-services}.
 *
 * <p>Null policy: no method accepts or returns {@code null} unless its javadoc says so; a null
 * argument raises {@link NullPointerException} whose message is the parameter's name.
 */
package dev.routeguide.grpc.transport;
