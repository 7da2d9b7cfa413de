package dev.routeguide.core;

import dev.routeguide.core.features.Feature;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The features of one {@link RouteGuide#listFeatures} query, pulled one at a time. Nothing is
 * produced ahead of the caller beyond a small transport window, and {@link #close()} before the
 * end cancels the query. Not thread-safe.
 *
 * <p>A stream may also be a {@link dev.routeguide.core.features.FeatureCursor} (the one of
 * {@link LocalRouteGuide} is): a transport may then read each result in place with {@link
 * dev.routeguide.core.features.FeatureCursor#advance()} instead of {@link #next()}; both count as
 * handed out.
 *
 * @since 0.1.0
 */
public interface FeatureStream extends Iterator<Feature>, AutoCloseable {

  /** Stops the query if it is still running; idempotent. */
  @Override
  void close();

  /** This stream as a sequential {@link Stream}; closing that stream closes this one. */
  default Stream<Feature> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }
}
