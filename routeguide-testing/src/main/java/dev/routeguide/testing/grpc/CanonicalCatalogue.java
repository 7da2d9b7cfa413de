package dev.routeguide.testing.grpc;

import dev.routeguide.core.features.FeatureCatalogue;

/** The canonical catalogue, parsed once: it is immutable, so every default backend shares it. */
final class CanonicalCatalogue {

  private CanonicalCatalogue() {}

  static FeatureCatalogue get() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final FeatureCatalogue INSTANCE = FeatureCatalogue.canonical();
  }
}
