/**
 * Transport-neutral test support: {@link dev.routeguide.testing.RouteGuideContract} is the
 * contract every {@link dev.routeguide.core.RouteGuide} implementation must pass; extend it and
 * return your implementation. JUnit 5 and AssertJ come with this artifact.
 */
package dev.routeguide.testing;
