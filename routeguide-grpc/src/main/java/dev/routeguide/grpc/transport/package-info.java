/**
 * Serving and reaching RouteGuide over gRPC's transports: {@link
 * dev.routeguide.grpc.transport.RouteGuideServer} starts a server in process, on TCP (plain, TLS or
 * mutual TLS) or on a Unix domain socket, optionally with the standard health and reflection
 * services; {@link dev.routeguide.grpc.transport.RouteGuideChannels} opens matching channels.
 */
package dev.routeguide.grpc.transport;
