package dev.routeguide.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LocationTable} at the size where its fingerprints are short (12 bits at a million
 * points): probe runs now and then hold an entry whose fingerprint matches a point stored
 * elsewhere, sometimes ahead of the point itself, and the block count must still agree with the
 * lookup point by point.
 */
class LocationTableTest {

  private static final int POINTS = 1 << 20;

  @Test
  void countsAsTheLookupDoesWhereFingerprintsCollide() {
    SplittableRandom random = new SplittableRandom(41);
    int[] coordinates = new int[2 * POINTS];
    int[] inputIndex = new int[POINTS];
    for (int i = 0; i < POINTS; i++) {
      coordinates[2 * i] = random.nextInt(1 << 16); // a small box: neighbours hash apart anyway
      coordinates[2 * i + 1] = random.nextInt(1 << 16);
      inputIndex[i] = i;
    }
    LocationTable table = LocationTable.build(coordinates, inputIndex);
    // Every other query a point of the table, the rest points of the same box, mostly absent.
    int[] queries = new int[2 * POINTS];
    for (int i = 0; i < POINTS; i++) {
      int source = random.nextInt(POINTS);
      queries[2 * i] = i % 2 == 0 ? coordinates[2 * source] : random.nextInt(1 << 16);
      queries[2 * i + 1] = i % 2 == 0 ? coordinates[2 * source + 1] : random.nextInt(1 << 16);
    }

    int oneByOne = 0;
    for (int i = 0; i < POINTS; i++) {
      oneByOne += table.indexOf(coordinates, queries[2 * i], queries[2 * i + 1]) >= 0 ? 1 : 0;
    }
    assertThat(table.countPresent(coordinates, queries, POINTS)).isEqualTo(oneByOne);
    assertThat(oneByOne).as("hits and misses both").isBetween(POINTS / 2, POINTS - 1);
  }
}
