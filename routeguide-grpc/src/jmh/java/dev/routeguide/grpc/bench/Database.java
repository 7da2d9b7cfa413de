package dev.routeguide.grpc.bench;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureDatabase;
import java.util.List;

/** The feature databases a benchmark runs on: a JMH parameter. */
public enum Database {

  /** The canonical 100 features of the gRPC examples (some entries are unnamed). */
  CANONICAL {
    @Override
    List<Feature> entries() {
      return FeatureDatabase.readCanonical();
    }
  },

  /** 1,000,000 random named features in the New Jersey box, from a fixed seed. */
  RANDOM_1M {
    @Override
    List<Feature> entries() {
      return NewJersey.features(1_000_000);
    }
  };

  /** Every database entry, named or not, in file order. */
  abstract List<Feature> entries();
}
