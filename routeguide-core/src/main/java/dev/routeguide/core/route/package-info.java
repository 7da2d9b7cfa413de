/**
 * RecordRoute: {@link dev.routeguide.core.route.RouteSummary} and the
 * {@link dev.routeguide.core.route.RouteSummarizer} that computes it from points as they arrive.
 *
 * <p>Null policy: no method accepts or returns {@code null} unless its javadoc says so; a null
 * argument raises {@link NullPointerException} whose message is the parameter's name.
 */
package dev.routeguide.core.route;
