package dev.routeguide.core.route;

/**
 * What RecordRoute answers: how many points were received, how many of them are at a named
 * feature, the distance covered and the time taken. Every count is non-negative.
 *
 * @param pointCount points received
 * @param featureCount received points at which a named feature exists
 * @param distanceMeters sum of the great-circle legs between consecutive points, rounded once
 *     to whole metres and saturated at {@link Integer#MAX_VALUE}
 * @param elapsedSeconds whole seconds from the start of the route to its end
 *
 * @since 0.1.0
 */
public record RouteSummary(
    int pointCount, int featureCount, int distanceMeters, int elapsedSeconds) {

  /** Rejects negative values and more features than points. */
  public RouteSummary {
    requireNonNegative("pointCount", pointCount);
    requireNonNegative("featureCount", featureCount);
    requireNonNegative("distanceMeters", distanceMeters);
    requireNonNegative("elapsedSeconds", elapsedSeconds);
    if (featureCount > pointCount) {
      throw new IllegalArgumentException(
          "featureCount (" + featureCount + ") must not exceed pointCount (" + pointCount + ")");
    }
  }

  private static void requireNonNegative(String field, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative, got " + value);
    }
  }
}
