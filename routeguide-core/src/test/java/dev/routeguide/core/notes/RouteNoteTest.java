package dev.routeguide.core.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.geo.Point;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RouteNote")
class RouteNoteTest {

  private static final Point HERE = Point.ofE7(1, 1);

  @Test
  void holdsLocationAndMessage() {
    RouteNote note = RouteNote.at(HERE, "First message");

    assertThat(note.location()).isEqualTo(HERE);
    assertThat(note.message()).isEqualTo("First message");
    assertThat(note).isEqualTo(new RouteNote(HERE, "First message"));
  }

  @Test
  void mayHaveAnEmptyMessage() {
    assertThat(RouteNote.at(HERE, "").message()).isEmpty();
  }

  @Test
  void rejectsANullLocationNamingTheField() {
    assertThatThrownBy(() -> RouteNote.at(null, "hello"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("location");
  }

  @Test
  void rejectsANullMessageNamingTheField() {
    assertThatThrownBy(() -> RouteNote.at(HERE, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("message");
  }
}
