/**
 * Geography: {@link dev.routeguide.core.geo.Point} (E7 coordinates),
 * {@link dev.routeguide.core.geo.Rectangle} and great-circle distance
 * ({@link dev.routeguide.core.geo.GreatCircle}). Values validate their ranges with
 * {@link IllegalArgumentException}.
 *
 * <p>Null policy: no method accepts or returns {@code null} unless its javadoc says so; a null
 * argument raises {@link NullPointerException} whose message is the parameter's name.
 */
package dev.routeguide.core.geo;
