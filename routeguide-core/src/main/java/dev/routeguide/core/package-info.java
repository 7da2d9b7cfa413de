/**
 * The RouteGuide domain without any transport: the {@link dev.routeguide.core.RouteGuide}
 * operations, {@link dev.routeguide.core.LocalRouteGuide} that runs them in this process, and the
 * failure types every implementation raises alike ({@link dev.routeguide.core.RouteGuideException}
 * and its subclasses). Pure Java: no gRPC, no protobuf.
 *
 * <p>Null policy: no method accepts or returns {@code null} unless its javadoc says so; a null
 * argument raises {@link NullPointerException} whose message is the parameter's name.
 */
package dev.routeguide.core;
