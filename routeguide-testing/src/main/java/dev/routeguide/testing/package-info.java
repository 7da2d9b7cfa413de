/**
 * Transport-neutral test support: {@link dev.routeguide.testing.RouteGuideContract} is the
 * contract every {@link dev.routeguide.core.RouteGuide} implementation must pass; extend it and
 * return your implementation. JUnit 5 and AssertJ come with this artifact.
 *
 * <p>Null policy: no method accepts or returns {@code null} unless its javadoc says so; a null
 * argument raises {@link NullPointerException} whose message is the parameter's name.
 */
package dev.routeguide.testing;
