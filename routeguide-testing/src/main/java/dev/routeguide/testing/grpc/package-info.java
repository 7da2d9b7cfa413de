/**
 * A test kit for code that uses {@link dev.routeguide.grpc.client.RouteGuideClient}: {@link
 * dev.routeguide.testing.grpc.InProcessRouteGuide} starts a server and client in this JVM without
 * sockets, and {@link dev.routeguide.testing.grpc.RouteGuideExtension} does so for every JUnit 5
 * test. JUnit is an optional dependency of this module: add {@code junit-jupiter-api} to use the
 * extension.
 */
package dev.routeguide.testing.grpc;
