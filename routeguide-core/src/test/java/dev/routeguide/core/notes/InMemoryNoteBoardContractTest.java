package dev.routeguide.core.notes;

import dev.routeguide.core.testing.NoteBoardContract;
import java.util.Collections;
import java.util.List;

/** The in-memory board keeps the note board contract; its several instances are one board. */
class InMemoryNoteBoardContractTest extends NoteBoardContract {

  @Override
  protected List<NoteBoard> openBoards(int count, NoteBoardLimits limits) {
    return Collections.nCopies(count, new InMemoryNoteBoard(limits));
  }
}
