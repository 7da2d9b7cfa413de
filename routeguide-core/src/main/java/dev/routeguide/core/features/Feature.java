package dev.routeguide.core.features;

import dev.routeguide.core.geo.Point;
import java.util.Objects;

/**
 * A named place at a location. An empty name means that no feature is known there: that is how
 * GetFeature answers for an unknown point, and how the database marks unnamed places.
 *
 * @param name the feature's name, never null, empty when there is no feature
 * @param location where the feature is, never null
 *
 * @since 0.1.0
 */
public record Feature(String name, Point location) {

  /**
   * Rejects a null name or location.
   *
   * @throws NullPointerException if name (use {@code ""} for none) or location is null
   */
  public Feature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
  }

  /** Returns the feature with the given name at a location. */
  public static Feature named(String name, Point location) {
    return new Feature(name, location);
  }

  /** Returns the "no feature here" answer for a location: a feature with an empty name. */
  public static Feature unnamed(Point location) {
    return new Feature("", location);
  }

  /** Whether this is a real feature, i.e. its name is not empty. */
  public boolean isNamed() {
    return !name.isEmpty();
  }

  @Override
  public String toString() {
    return "Feature[" + (isNamed() ? '"' + name + '"' : "<unnamed>") + " at "
        + Objects.toString(location) + "]";
  }
}
