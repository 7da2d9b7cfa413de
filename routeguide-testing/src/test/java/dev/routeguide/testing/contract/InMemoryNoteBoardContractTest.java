package dev.routeguide.testing.contract;

import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.testing.NoteBoardContract;
import java.util.Collections;
import java.util.List;

/** The in-memory board keeps the note board contract; its several instances are one board. */
class InMemoryNoteBoardContractTest extends NoteBoardContract {

  @Override
  protected List<NoteBoard> openBoards(int count, NoteBoardLimits limits) {
    return Collections.nCopies(count, new InMemoryNoteBoard(limits));
  }
}
