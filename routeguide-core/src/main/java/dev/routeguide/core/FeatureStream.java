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
