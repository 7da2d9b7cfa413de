package dev.routeguide.core.benchmarks;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.features.FeatureDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Start-up cost with 1,000,000 features: reading the JSON database file (Jackson streaming) and
 * indexing the features into a catalogue.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LoadBenchmark {

  private Path file;
  private List<Feature> list;

  /** Writes the database file once per fork. */
  @Setup
  public void setUp() throws IOException {
    list = NewJersey.features(NewJersey.FEATURE_COUNT, NewJersey.SEED);
    file = Files.createTempFile("routeguide-1m-", ".json");
    NewJersey.writeJson(list, file);
  }

  /** Deletes the database file. */
  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  /** Reads every entry of the 1M-feature JSON file into a list. */
  @Benchmark
  public List<Feature> readJson() throws IOException {
    return FeatureDatabase.read(file);
  }

  /** Builds the catalogue (hash table and k-d tree) over 1M features already in memory. */
  @Benchmark
  public FeatureCatalogue buildCatalogue() {
    return FeatureCatalogue.of(list);
  }
}
