package dev.routeguide.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("NameTable")
class NameTableTest {

  private static final List<String> AWKWARD =
      List.of(
          "Café Müller, Zürich",
          "東京タワー",
          "𝄞 clef, 🗽 statue", // supplementary characters: surrogate pairs, 4 UTF-8 bytes each
          "lone high \uD83D surrogate",
          "lone low \uDE00 surrogate",
          "\uDC00",
          "x",
          "tab\tnewline\nnul\u0000end");

  @Test
  void givesBackEveryNameExactlyAcrossManySmallPages() {
    List<String> names = names(5_000, 7);
    NameTable table = new NameTable(0, 64);

    names.forEach(table::append);
    table.finish();

    assertThat(table.size()).isEqualTo(names.size());
    for (int i = 0; i < names.size(); i++) {
      assertThat(table.name(i)).as("name %d", i).isEqualTo(names.get(i));
    }
  }

  @Test
  void aNameLongerThanAPageGetsAPageOfItsOwn() {
    String longName = "long ".repeat(100);
    NameTable table = new NameTable(1, 64);

    table.append("before");
    table.append(longName);
    table.append("after");
    table.finish();

    assertThat(List.of(table.name(0), table.name(1), table.name(2)))
        .containsExactly("before", longName, "after");
  }

  @Test
  void copiesNamesInAnyOrderFromAnotherTable() {
    List<String> names = names(2_000, 8);
    NameTable source = new NameTable(names.size(), 128);
    names.forEach(source::append);
    source.finish();
    int[] order = new int[names.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = (int) ((i * 7919L) % order.length); // a permutation: 7919 is prime
    }

    NameTable copy = new NameTable(0, 100);
    for (int index : order) {
      copy.appendCopy(source, index);
    }
    copy.finish();

    for (int i = 0; i < order.length; i++) {
      assertThat(copy.name(i)).isEqualTo(names.get(order[i]));
    }
  }

  @ParameterizedTest(name = "pages of {0} bytes")
  @ValueSource(ints = {128, NameTable.PAGE_BYTES})
  void gathersNamesInTheOrderGivenFromOneOrManyPages(int pageBytes) {
    List<String> names = names(2_000, 9);
    NameTable source = new NameTable(names.size(), pageBytes);
    names.forEach(source::append);
    source.finish();
    int[] order = new int[names.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = (int) ((i * 7919L) % order.length);
    }

    NameTable gathered = NameTable.inOrder(source, order);

    assertThat(gathered.size()).isEqualTo(order.length);
    for (int i = 0; i < order.length; i++) {
      assertThat(gathered.name(i)).as("name %d", i).isEqualTo(names.get(order[i]));
    }
    // The same bytes, rearranged: only the page count may differ (names never straddle pages).
    assertThat(gathered.footprintBytes()).isCloseTo(source.footprintBytes(), within(64L * 64));
  }

  @Test
  void gathersNothingFromAnEmptyOrder() {
    NameTable source = new NameTable(1);
    source.append("only");
    source.finish();

    assertThat(NameTable.inOrder(source, new int[0]).size()).isZero();
  }

  /** Random names mixing ASCII, accented, CJK and emoji text with the awkward ones above. */
  static List<String> names(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] pieces = {"Main St ", "é", "ß", "東京", "🗽", "Ω", "-", "0123456789"};
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (i % 10 == 0) {
        names.add(AWKWARD.get((i / 10) % AWKWARD.size()));
        continue;
      }
      StringBuilder name = new StringBuilder();
      for (int p = random.nextInt(1, 6); p > 0; p--) {
        name.append(pieces[random.nextInt(pieces.length)]);
      }
      names.add(name.append(i).toString());
    }
    return names;
  }
}
