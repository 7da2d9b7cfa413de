package dev.routeguide.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.routeguide.core.geo.Point;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("FeatureDatabase")
class FeatureDatabaseTest {

  private static final String TWO_ENTRIES =
      """
      [{"location": {"latitude": 407838351, "longitude": -746143763},
        "name": "Patriots Path, Mendham, NJ 07945, USA"},
       {"location": {"latitude": 400273442, "longitude": -741220915}, "name": ""}]
      """;

  private static final Feature PATRIOTS_PATH =
      Feature.named("Patriots Path, Mendham, NJ 07945, USA", Point.ofE7(407_838_351, -746_143_763));
  private static final Feature UNNAMED = Feature.unnamed(Point.ofE7(400_273_442, -741_220_915));

  private static List<Feature> read(String json) throws IOException {
    return FeatureDatabase.read(stream(json), "test.json");
  }

  private static InputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  private static FeatureDatabaseException failure(String json) {
    return catchThrowableOfType(FeatureDatabaseException.class, () -> read(json));
  }

  @Nested
  @DisplayName("the canonical database")
  class Canonical {

    @Test
    void holds100EntriesOf64Named() {
      List<Feature> entries = FeatureDatabase.readCanonical();

      assertThat(entries).hasSize(100);
      assertThat(entries).filteredOn(Feature::isNamed).hasSize(64);
    }

    @Test
    void keepsFileOrder() {
      List<Feature> entries = FeatureDatabase.readCanonical();

      assertThat(entries.get(0)).isEqualTo(PATRIOTS_PATH);
      assertThat(entries.get(23)).isEqualTo(Feature.unnamed(Point.ofE7(407_113_723, -749_746_483)));
      assertThat(entries.get(99))
          .isEqualTo(
              Feature.named(
                  "3 Hasta Way, Newton, NJ 07860, USA", Point.ofE7(410_248_224, -747_127_767)));
    }

    @Test
    void isOnTheClasspathUnderItsDocumentedName() throws IOException {
      try (InputStream in =
          FeatureDatabase.class.getResourceAsStream(FeatureDatabase.CANONICAL_RESOURCE)) {
        assertThat(in).isNotNull();
        assertThat(FeatureDatabase.read(in, "resource")).isEqualTo(FeatureDatabase.readCanonical());
      }
    }
  }

  @Nested
  @DisplayName("accepts")
  class Accepts {

    @Test
    void theArrayForm() throws IOException {
      assertThat(read(TWO_ENTRIES)).containsExactly(PATRIOTS_PATH, UNNAMED);
    }

    @Test
    void theGrpcJavaObjectForm() throws IOException {
      assertThat(read("{\"feature\": " + TWO_ENTRIES + "}"))
          .containsExactly(PATRIOTS_PATH, UNNAMED);
    }

    @Test
    void otherFieldsAroundTheFeatureArrayOfTheObjectForm() throws IOException {
      String json =
          "{\"version\": {\"major\": 1, \"list\": [1, [2]]}, \"feature\": "
              + TWO_ENTRIES
              + ", \"comment\": \"x\"}";

      assertThat(read(json)).containsExactly(PATRIOTS_PATH, UNNAMED);
    }

    @Test
    void anEmptyArray() throws IOException {
      assertThat(read("[]")).isEmpty();
      assertThat(read("{\"feature\": []}")).isEmpty();
    }

    @Test
    void aMissingOrNullNameAsEmpty() throws IOException {
      assertThat(read("[{\"location\": {\"latitude\": 400273442, \"longitude\": -741220915}}]"))
          .containsExactly(UNNAMED);
      assertThat(
              read(
                  "[{\"name\": null, \"location\": {\"latitude\": 400273442, \"longitude\":"
                      + " -741220915}}]"))
          .containsExactly(UNNAMED);
    }

    @Test
    void fieldsInAnyOrderAndSkipsUnknownOnes() throws IOException {
      String json =
          """
          [{"id": 7, "name": "Patriots Path, Mendham, NJ 07945, USA", "tags": ["a", {"b": []}],
            "location": {"altitude": {"m": 3}, "longitude": -746143763, "latitude": 407838351}}]
          """;

      assertThat(read(json)).containsExactly(PATRIOTS_PATH);
    }

    @Test
    void coordinatesWrittenAsDecimalStringsAsInProto3Json() throws IOException {
      assertThat(
              read(
                  "[{\"location\": {\"latitude\": \"400273442\", \"longitude\": \"-741220915\"}}]"))
          .containsExactly(UNNAMED);
    }

    @Test
    void theLimitsOfTheCoordinateRanges() throws IOException {
      assertThat(
              read(
                  "[{\"location\": {\"latitude\": -900000000, \"longitude\": 1800000000}, \"name\":"
                      + " \"x\"}]"))
          .containsExactly(Feature.named("x", Point.ofE7(-900_000_000, 1_800_000_000)));
    }

    @Test
    void aFileByPathNamingItInErrors(@TempDir Path directory) throws IOException {
      Path good = Files.writeString(directory.resolve("good.json"), TWO_ENTRIES);
      Path bad = Files.writeString(directory.resolve("bad.json"), "[{]");

      assertThat(FeatureDatabase.read(good)).containsExactly(PATRIOTS_PATH, UNNAMED);
      assertThatThrownBy(() -> FeatureDatabase.read(bad))
          .isInstanceOf(FeatureDatabaseException.class)
          .hasMessageStartingWith(bad + ":1:");
    }
  }

  @Nested
  @DisplayName("leaves the caller's stream open")
  class StreamOwnership {

    @Test
    void afterReadingIt() throws IOException {
      TrackingStream in = new TrackingStream(TWO_ENTRIES);

      FeatureDatabase.read(in, "test.json");

      assertThat(in.closed).isFalse();
    }

    @Test
    void afterFailing() {
      TrackingStream in = new TrackingStream("[{\"location\": 1}]");

      assertThatThrownBy(() -> FeatureDatabase.read(in, "test.json"))
          .isInstanceOf(FeatureDatabaseException.class);
      assertThat(in.closed).isFalse();
    }

    private static final class TrackingStream extends ByteArrayInputStream {
      boolean closed;

      TrackingStream(String json) {
        super(json.getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public void close() {
        closed = true;
      }
    }
  }

  @Nested
  @DisplayName("rejects malformed JSON naming source, line and column")
  class MalformedJson {

    @Test
    void aMissingComma() {
      String json =
          "[\n"
              + "  {\"location\": {\"latitude\": 1, \"longitude\": 2}, \"name\": \"a\"},\n"
              + "  {\"location\": {\"latitude\": 1 \"longitude\": 2}}\n"
              + "]";

      FeatureDatabaseException e = failure(json);

      assertThat(e.source()).isEqualTo("test.json");
      assertThat(e.line()).isEqualTo(3);
      assertThat(e.column()).isEqualTo(31);
      assertThat(e).hasMessageStartingWith("test.json:3:31: malformed JSON");
    }

    @Test
    void aTruncatedFile() {
      FeatureDatabaseException e = failure("[{\"location\": {\"latitude\": 1,\n");

      assertThat(e).hasMessageStartingWith("test.json:2:").hasMessageContaining("malformed JSON");
      assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void garbage() {
      assertThat(failure("not json at all"))
          .hasMessageStartingWith("test.json:1:")
          .hasMessageContaining("malformed JSON: Unrecognized token 'not'");
    }

    @Test
    void aNumberLongerThanTheParserAccepts() {
      String json =
          "[\n{\"location\": {\"latitude\": 1" + "0".repeat(1_200) + ", \"longitude\": 2}}]";

      FeatureDatabaseException e = failure(json);

      assertThat(e)
          .hasMessageStartingWith("test.json:2:")
          .hasMessageContaining("JSON exceeds a parser limit");
      assertThat(e.line()).isEqualTo(2);
      assertThat(e.column()).isPositive();
    }

    @Test
    void nestingDeeperThanTheParserAccepts() {
      String json = "[{\"extra\": " + "[".repeat(1_500) + "]".repeat(1_500) + "}]";

      FeatureDatabaseException e = failure(json);

      assertThat(e)
          .hasMessageStartingWith("test.json:1:")
          .hasMessageContaining("JSON exceeds a parser limit")
          .hasMessageContaining("nesting depth");
      // At the bracket one level too deep: 11 characters, then 999 of the 1,500 brackets.
      assertThat(e.column()).isEqualTo(1_011);
    }

    @Test
    void closingTheWrongBracket() {
      assertThat(failure("[{\"name\": \"x\"]"))
          .hasMessageStartingWith("test.json:1:14: malformed JSON");
    }
  }

  @Nested
  @DisplayName("rejects a document of the wrong shape")
  class WrongShape {

    @Test
    void aScalarAtTheTop() {
      assertThat(failure("42"))
          .hasMessageStartingWith("test.json:1:1: ")
          .hasMessageContaining("expected a top-level array");
    }

    @Test
    void anEmptyDocument() {
      assertThat(failure(""))
          .hasMessageContaining("test.json")
          .hasMessageContaining("expected a top-level array");
    }

    @Test
    void anObjectWithoutTheFeatureArray() {
      assertThat(failure("{\"features\": []}")).hasMessageContaining("\"feature\"");
    }

    @Test
    void aFeatureFieldThatIsNoArray() {
      assertThat(failure("{\"feature\": {}}"))
          .hasMessageStartingWith("test.json:1:13: ")
          .hasMessageContaining("\"feature\" must be an array, got an object");
    }

    @Test
    void contentAfterTheList() {
      assertThat(failure("[] []"))
          .hasMessageStartingWith("test.json:1:4: ")
          .hasMessageContaining("unexpected content");
    }
  }

  @Nested
  @DisplayName("rejects a bad entry naming source, position, entry index and field")
  class BadEntry {

    private static final String GOOD =
        "{\"location\": {\"latitude\": 1, \"longitude\": 2}, \"name\": \"a\"}";

    /** The bad entry is the third (index 2), on the second line. */
    private FeatureDatabaseException failureOfThirdEntry(String entry) {
      return failure("[" + GOOD + ", " + GOOD + ",\n " + entry + "]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
3                                                              | entry 2 must be an object, got a number
"x"                                                            | entry 2 must be an object, got a string
[]                                                             | entry 2 must be an object, got an array
{"name": "x"}                                                  | entry 2: missing field location
{"location": {"longitude": 2}}                                 | entry 2: missing field location.latitude
{"location": {"latitude": 1}}                                  | entry 2: missing field location.longitude
{"location": "here"}                                           | entry 2: location must be an object, got a string
{"location": null}                                             | entry 2: location must be an object, got null
{"location": [1, 2]}                                           | entry 2: location must be an object, got an array
{"name": 7, "location": {"latitude": 1, "longitude": 2}}       | entry 2: name must be a string, got a number
{"name": ["x"], "location": {"latitude": 1, "longitude": 2}}   | entry 2: name must be a string, got an array
{"location": {"latitude": "north", "longitude": 2}}            | entry 2: location.latitude must be a 32-bit integer, got "north"
{"location": {"latitude": 1.5, "longitude": 2}}                | entry 2: location.latitude must be a 32-bit integer, got a number
{"location": {"latitude": 1, "longitude": 4000000000}}         | entry 2: location.longitude must be a 32-bit integer, got 4000000000
{"location": {"latitude": true, "longitude": 2}}               | entry 2: location.latitude must be a 32-bit integer, got a boolean
{"location": {"latitude": 1, "longitude": null}}               | entry 2: location.longitude must be a 32-bit integer, got null
{"location": {"latitude": 900000001, "longitude": 2}}          | entry 2: location.latitude must be within [-90, 90] degrees
{"location": {"latitude": -900000001, "longitude": 2}}         | -900000001
{"location": {"latitude": 1, "longitude": -1800000001}}        | entry 2: location.longitude must be within [-180, 180] degrees
{"location": {"latitude": 1, "longitude": "1800000001"}}       | 1800000001
""")
    void withAMessageThatSaysWhatIsWrong(String entry, String expected) {
      FeatureDatabaseException e = failureOfThirdEntry(entry);

      assertThat(e).hasMessageStartingWith("test.json:2:").hasMessageContaining(expected);
      assertThat(e.source()).isEqualTo("test.json");
      assertThat(e.line()).isEqualTo(2);
      assertThat(e.column()).isPositive();
    }

    @Test
    void countsEntriesInTheObjectFormToo() {
      assertThat(failure("{\"feature\": [" + GOOD + ", {}]}"))
          .hasMessageContaining("entry 1: missing field location");
    }

    @Test
    void afterPassingTheGoodEntriesBeforeIt() {
      List<Feature> seen = new ArrayList<>();

      assertThatThrownBy(
              () ->
                  FeatureDatabase.forEach(
                      stream("[" + GOOD + ", " + GOOD + ", {}]"), "test.json", seen::add))
          .isInstanceOf(FeatureDatabaseException.class);
      assertThat(seen).hasSize(2);
    }
  }

  @Nested
  @DisplayName("streams a large database")
  class Streaming {

    @Test
    void loadsAMillionEntriesOneAtATime() throws IOException {
      int n = 1_000_000;
      GeneratedDatabase in = new GeneratedDatabase(n);
      AtomicLong count = new AtomicLong();
      AtomicLong checksum = new AtomicLong();
      long[] bytesReadAtFirstEntry = {-1};

      FeatureDatabase.forEach(
          in,
          "generated",
          feature -> {
            long i = count.getAndIncrement();
            if (i == 0) {
              bytesReadAtFirstEntry[0] = in.bytesRead();
            }
            if (i % 99_991 == 0) {
              assertThat(feature).isEqualTo(GeneratedDatabase.featureAt((int) i));
            }
            checksum.addAndGet(feature.location().latitudeE7() ^ feature.name().length());
          });

      long expected = 0;
      for (int i = 0; i < n; i++) {
        Feature feature = GeneratedDatabase.featureAt(i);
        expected += feature.location().latitudeE7() ^ feature.name().length();
      }
      assertThat(count).hasValue(n);
      assertThat(checksum).hasValue(expected);
      // The first entry arrived after one buffer of input, not after the whole document.
      assertThat(in.bytesRead()).isGreaterThan(60_000_000L);
      assertThat(bytesReadAtFirstEntry[0]).isPositive().isLessThan(64 * 1024);
      assertThat(in.isClosed()).isFalse();
    }
  }
}
