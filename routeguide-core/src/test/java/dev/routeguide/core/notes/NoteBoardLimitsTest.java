package dev.routeguide.core.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.geo.Point;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("NoteBoardLimits")
class NoteBoardLimitsTest {

  @Test
  void defaultsTo100NotesPerLocation10000LocationsAnd1024Chars() {
    assertThat(NoteBoardLimits.DEFAULT).isEqualTo(new NoteBoardLimits(100, 10_000, 1024));
  }

  @Test
  void defaultsTo64MibOfNotes() {
    assertThat(NoteBoardLimits.DEFAULT.maxNoteBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(new NoteBoardLimits(1, 2, 3).maxNoteBytes()).isEqualTo(64L * 1024 * 1024);
  }

  @Test
  void witherReplacesTheByteCapOnly() {
    assertThat(new NoteBoardLimits(1, 2, 3).withMaxNoteBytes(1_000))
        .isEqualTo(new NoteBoardLimits(1, 2, 3, 1_000));
  }

  @Test
  void witherReplacesOneLimitOnly() {
    NoteBoardLimits limits = new NoteBoardLimits(1, 2, 3);

    assertThat(limits.withMaxNotesPerLocation(10)).isEqualTo(new NoteBoardLimits(10, 2, 3));
    assertThat(limits.withMaxLocations(20)).isEqualTo(new NoteBoardLimits(1, 20, 3));
    assertThat(limits.withMaxMessageLength(30)).isEqualTo(new NoteBoardLimits(1, 2, 30));
  }

  @Nested
  @DisplayName("requireMessageWithinLimit")
  class MessageLength {
    private final List<NoteRefusal> refusals = new ArrayList<>();
    private final NoteBoardObserver observer = new NoteBoardObserver() {
      @Override
      public void noteRefused(NoteRefusal reason) {
        refusals.add(reason);
      }
    };
    private final NoteBoardLimits limits = NoteBoardLimits.DEFAULT.withMaxMessageLength(3);

    @Test
    void letsAMessageOfTheLimitThroughAndReportsNothing() {
      limits.requireMessageWithinLimit(RouteNote.at(Point.ofE7(1, 1), "abc"), observer);

      assertThat(refusals).isEmpty();
    }

    @Test
    void refusesALongerOneNamingBothLengthsAndReportsTheRefusal() {
      RouteNote tooLong = RouteNote.at(Point.ofE7(1, 1), "abcd");

      assertThatThrownBy(() -> limits.requireMessageWithinLimit(tooLong, observer))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("message is 4 chars long, more than the board's limit of 3");
      assertThat(refusals).containsExactly(NoteRefusal.MESSAGE_TOO_LONG);
    }
  }

  @Nested
  @DisplayName("rejects a limit that is not positive, naming it and its value")
  class Validation {

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void maxNotesPerLocation(int value) {
      assertThatThrownBy(() -> NoteBoardLimits.DEFAULT.withMaxNotesPerLocation(value))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxNotesPerLocation")
          .hasMessageContaining(Integer.toString(value));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void maxLocations(int value) {
      assertThatThrownBy(() -> NoteBoardLimits.DEFAULT.withMaxLocations(value))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxLocations")
          .hasMessageContaining(Integer.toString(value));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void maxMessageLength(int value) {
      assertThatThrownBy(() -> new NoteBoardLimits(1, 1, value))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxMessageLength")
          .hasMessageContaining(Integer.toString(value));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void maxNoteBytes(long value) {
      assertThatThrownBy(() -> NoteBoardLimits.DEFAULT.withMaxNoteBytes(value))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxNoteBytes")
          .hasMessageContaining(Long.toString(value));
    }

    @Test
    void maxNoteBytesTooSmallForOneLongestNote() {
      // One location (160) and one note of 10 wide chars (80 + 16 + 20 -> 40): 280 bytes.
      NoteBoardLimits tenChars = NoteBoardLimits.DEFAULT.withMaxMessageLength(10);
      assertThat(tenChars.withMaxNoteBytes(280).maxNoteBytes()).isEqualTo(280);
      assertThatThrownBy(() -> tenChars.withMaxNoteBytes(279))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxNoteBytes")
          .hasMessageContaining("280")
          .hasMessageContaining("279");
    }
  }
}
