package dev.routeguide.core.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.geo.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PointTable")
class PointTableTest {

  private final PointTable<String> table = new PointTable<>();

  @Test
  void findsWhatWasPutAndNothingElse() {
    table.putNew(PointTable.keyOf(Point.ofE7(1, 2)), "a");
    table.putNew(PointTable.keyOf(Point.ofE7(2, 1)), "b");

    assertThat(table.get(PointTable.keyOf(Point.ofE7(1, 2)))).isEqualTo("a");
    assertThat(table.get(PointTable.keyOf(Point.ofE7(2, 1)))).isEqualTo("b");
    assertThat(table.get(PointTable.keyOf(Point.ofE7(1, 1)))).isNull();
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void tellsApartPointsWhoseCoordinatesSwapOrDifferInSignOnly() {
    table.putNew(PointTable.keyOf(Point.ofE7(-5, 7)), "south-east");
    table.putNew(PointTable.keyOf(Point.ofE7(5, -7)), "north-west");
    table.putNew(PointTable.keyOf(Point.ofE7(7, -5)), "swapped");

    assertThat(table.get(PointTable.keyOf(Point.ofE7(-5, 7)))).isEqualTo("south-east");
    assertThat(table.get(PointTable.keyOf(Point.ofE7(5, -7)))).isEqualTo("north-west");
    assertThat(table.get(PointTable.keyOf(Point.ofE7(7, -5)))).isEqualTo("swapped");
    assertThat(table.get(PointTable.keyOf(Point.ofE7(-7, 5)))).isNull();
  }

  @Test
  void holdsTheExtremeCoordinates() {
    Point[] corners = {
      Point.ofE7(-900_000_000, -1_800_000_000), Point.ofE7(-900_000_000, 1_800_000_000),
      Point.ofE7(900_000_000, -1_800_000_000), Point.ofE7(900_000_000, 1_800_000_000),
      Point.ofE7(0, 0)
    };
    for (Point corner : corners) {
      table.putNew(PointTable.keyOf(corner), corner.toString());
    }

    for (Point corner : corners) {
      assertThat(table.get(PointTable.keyOf(corner))).isEqualTo(corner.toString());
    }
  }

  @Test
  void keepsEveryEntryAcrossGrowth() {
    for (int i = 0; i < 10_000; i++) {
      table.putNew(PointTable.keyOf(Point.ofE7(i, -i)), "v" + i);
    }

    assertThat(table.size()).isEqualTo(10_000);
    for (int i = 0; i < 10_000; i++) {
      assertThat(table.get(PointTable.keyOf(Point.ofE7(i, -i)))).isEqualTo("v" + i);
    }
  }

  @Test
  void removesOnlyThePointGivenAndIgnoresOneItDoesNotHold() {
    table.putNew(PointTable.keyOf(Point.ofE7(1, 1)), "kept");
    table.putNew(PointTable.keyOf(Point.ofE7(2, 2)), "removed");

    table.remove(PointTable.keyOf(Point.ofE7(2, 2)));
    table.remove(PointTable.keyOf(Point.ofE7(3, 3)));

    assertThat(table.get(PointTable.keyOf(Point.ofE7(2, 2)))).isNull();
    assertThat(table.get(PointTable.keyOf(Point.ofE7(1, 1)))).isEqualTo("kept");
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void takesAPointAgainOnceItWasRemoved() {
    table.putNew(PointTable.keyOf(Point.ofE7(4, 4)), "first");
    table.remove(PointTable.keyOf(Point.ofE7(4, 4)));
    table.putNew(PointTable.keyOf(Point.ofE7(4, 4)), "second");

    assertThat(table.get(PointTable.keyOf(Point.ofE7(4, 4)))).isEqualTo("second");
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void spreadsTheLocationsOfOneBoardSegmentAlongOneParallel() {
    // The board picks a location's segment by a hash linear in its coordinates; a table slot
    // derived the same way put one segment's points on one parallel into one run of slots.
    InMemoryNoteBoard board = new InMemoryNoteBoard();
    Point first = Point.ofE7(407_000_000, -740_000_000);
    int held = 0;
    for (int lon = first.longitudeE7(); held < 625; lon++) {
      Point point = Point.ofE7(first.latitudeE7(), lon);
      if (board.sameSegment(first, point)) {
        table.putNew(PointTable.keyOf(point), "at " + lon);
        held++;
      }
    }

    assertThat(table.longestProbe()).isLessThan(32);
  }

  @Test
  void agreesWithAHashMapOverRandomPutsAndRemovesInACrowdedArea() {
    // A few hundred distinct points, so that runs of neighbouring slots form, wrap around the
    // table's end and are cut by removals: what the backward shift must keep findable.
    SplittableRandom random = new SplittableRandom(13);
    Map<Point, String> model = new HashMap<>();
    List<Point> held = new ArrayList<>();
    for (int step = 0; step < 200_000; step++) {
      Point point = Point.ofE7(random.nextInt(-10, 10), random.nextInt(-10, 10));
      if (model.containsKey(point)) {
        table.remove(PointTable.keyOf(point));
        model.remove(point);
        held.remove(point);
      } else if (random.nextInt(3) > 0 || model.isEmpty()) {
        table.putNew(PointTable.keyOf(point), "step " + step);
        model.put(point, "step " + step);
        held.add(point);
      }
      if (step % 1_000 == 0) {
        assertThat(table.size()).as("size at step %d", step).isEqualTo(model.size());
        for (Point p : held) {
          assertThat(table.get(PointTable.keyOf(p)))
              .as("%s at step %d", p, step)
              .isEqualTo(model.get(p));
        }
      }
    }
    for (int lat = -10; lat < 10; lat++) {
      for (int lon = -10; lon < 10; lon++) {
        Point point = Point.ofE7(lat, lon);
        assertThat(table.get(PointTable.keyOf(point)))
            .as("%s at the end", point)
            .isEqualTo(model.get(point));
      }
    }
  }
}
