/**
 * A test kit for code that uses {@link dev.routeguide.grpc.client.RouteGuideClient}: {@link
 * dev.routeguide.testing.grpc.InProcessRouteGuide} starts a server and client in this JVM without
 * sockets, and {@link dev.routeguide.testing.grpc.RouteGuideExtension} does so for every JUnit 5
 * test. Part of the {@code routeguide-testing} artifact, which brings JUnit 5 and AssertJ.
 *
 * <p>Null policy: no method accepts or returns {@code null} unless its javadoc says so; a null
 * argument raises {@link NullPointerException} whose message is the parameter's name.
 */
package dev.routeguide.testing.grpc;
