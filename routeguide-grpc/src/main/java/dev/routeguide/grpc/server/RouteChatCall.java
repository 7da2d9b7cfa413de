package dev.routeguide.grpc.server;

import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.notes.NoteBoardObserver;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.ProtoMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;

/**
 * One RouteChat call on the server: each note received is sent to the backend's {@link RouteChat},
 * and the backend's replies, live notes, completion or failure are written back as the call's
 * {@link NoteReceiver}, each note as its own message, in the order the backend gives them.
 *
 * <p><b>Inbound window.</b> Notes are requested ahead through an {@link InboundWindow}, as for
 * RecordRoute, instead of one request per note (each of which costs a hand-off between threads).
 * Notes that arrive while replies cannot be written wait here, unposted, at most a window of them:
 * the window times the server's maximum inbound message size bounds what a client parks.
 *
 * <p><b>Flow control.</b> Notes are written while the call is ready and, beyond that, while an
 * overdraft of {@value #OVERDRAFT_BYTES} bytes of them lasts (each counted as {@link
 * RouteNote#maxRetainedBytes()}, the heap it may retain; renewed each time the call is seen
 * ready). No further note is posted while anything waits here that the transport refused, so a
 * client that stops reading stops being read, beyond the inbound window: what waits for it is
 * what the transport holds while ready (over a network, gRPC's own threshold, 32 KiB by default),
 * the overdraft, the replies to the last note posted (bounded by the board's per-location cap),
 * and the notes of the inbound window, parked unposted. Live notes (other callers' notes, {@link
 * NoteReceiver#onLiveNote}, which arrive on their threads whenever they post) go the same way, in
 * order with the replies; those the transport refuses wait in a buffer of at most {@value
 * #LIVE_BUFFER} notes and {@value #LIVE_BUFFER_BYTES} bytes (counted the same way: the heap a
 * waiting note may retain once the board has evicted it), and a reader too slow for it ends the
 * call with {@code RESOURCE_EXHAUSTED} rather than losing notes. Replies never count against that
 * buffer, whether a local backend delivers them during the post or a remote one later on its own
 * threads: they are bounded by the board's per-location cap times the notes posted and not yet
 * answered.
 *
 * <p><b>Replies in batches.</b> On a {@link TurnExecutor}, the replies the backend gives while it
 * posts this call's notes (not those a remote backend gives later on threads of its own) are held
 * and written when gRPC's task for them ends, or as soon as {@value #HELD_BYTES} bytes of them, or
 * what is left of the overdraft, are held (counted as above), so that a client that sent many
 * notes is woken once per batch of replies rather than once per reply. Held replies count against
 * no buffer: they are bounded by that figure. A live note first writes (or queues) the replies
 * held before it, so the order stays the backend's.
 *
 * <p><b>Threads.</b> gRPC delivers this call's inbound, ready and cancel callbacks one at a time,
 * and those are the only callers of the backend chat but two: a live-buffer overflow cancels it
 * from the thread that delivered the note, and a failed write of held replies from the end of a
 * {@link TurnExecutor}'s task, where the call's next callbacks may already run on another thread
 * (a chat's cancel is safe from any thread). Replies and live notes may arrive on other threads,
 * so the outgoing queue and every write to the response are guarded by one lock, never held while
 * calling the backend, and the first completion, failure or cancellation closes the response for
 * good.
 */
final class RouteChatCall implements StreamObserver<dev.routeguide.grpc.proto.RouteNote> {

  /**
   * Live notes that may wait for a slow reader before its call is ended: enough to ride out a
   * burst at a busy location (the transport's own window holds more below it), few enough that
   * thousands of stalled calls pin little (the notes are shared with the board).
   */
  static final int LIVE_BUFFER = 64;

  /**
   * Bytes of live notes that may wait for a slow reader ({@link RouteNote#maxRetainedBytes()}): 64
   * notes of up to 80 chars, or 7 of the longest the default board takes, so that a stalled call
   * pins at most 16 KiB of notes the board may since have evicted, whatever their text.
   */
  static final int LIVE_BUFFER_BYTES = 16 * 1024;

  /**
   * Bytes of notes ({@link RouteNote#maxRetainedBytes()}, about five times a short note's size on
   * the wire) written while the call is not ready, before writing waits for its ready signal.
   * Without it, a client that has read all it requested would be answered in steps of what it
   * requests, a round trip between threads each; with it, the transport holds the next notes when
   * the client asks for more. In process, 16 KiB left RouteChat a third slower, and more than 32
   * KiB gained nothing (BENCHMARKS.md, "RouteChat's reply overdraft").
   */
  static final int OVERDRAFT_BYTES = 32 * 1024;

  /**
   * Bytes of replies ({@link RouteNote#maxRetainedBytes()}) held during a turn of a {@link
   * TurnExecutor} before they are written anyway: as much as the overdraft, so that one batch can
   * meet a client that has read everything.
   */
  static final int HELD_BYTES = 32 * 1024;

  private final ServerCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> out;
  private final InboundWindow window;
  private final NoteBoardObserver observer;

  private final Object lock = new Object();
  private final ArrayDeque<Outgoing> outgoing = new ArrayDeque<>(); // guarded by lock
  private int liveWaiting; // guarded by lock
  private long liveBytesWaiting; // guarded by lock
  private boolean completeWhenWritten; // guarded by lock
  private boolean responseClosed; // guarded by lock
  private long overdraftBytes; // guarded by lock: written since the call was last seen ready
  // Replies held until the end of the running turn; non-empty only while a flush is registered.
  private final ArrayDeque<RouteNote> held = new ArrayDeque<>(); // guarded by lock
  private long heldBytes; // guarded by lock
  private final Runnable writeHeldAtEndOfTurn = this::writeHeld;
  // The thread inside this call's chat.send, if any: only replies given during it are held.
  // Written only by the sending thread itself, so a plain field is enough: another thread may
  // read a stale value, but never its own identity (no fence per note on the hot path).
  private Thread sendingThread;

  // Touched only by gRPC's serialized callbacks for this call.
  private final ArrayDeque<RouteNote> received = new ArrayDeque<>();
  private volatile RouteChat chat; // cancelled from a live note's thread on overflow
  private boolean halfClosed;
  private boolean chatEnded;

  private RouteChatCall(
      ServerCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> out,
      InboundWindow window,
      NoteBoardObserver observer) {
    this.out = out;
    this.window = window;
    this.observer = observer;
  }

  /**
   * Opens the backend chat and returns the observer for the client's notes; live notes the call
   * drops on overflow are reported to {@code observer}.
   */
  static StreamObserver<dev.routeguide.grpc.proto.RouteNote> start(
      RouteGuide backend,
      StreamObserver<dev.routeguide.grpc.proto.RouteNote> responseObserver,
      NoteBoardObserver observer) {
    ServerCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> out =
        (ServerCallStreamObserver<dev.routeguide.grpc.proto.RouteNote>) responseObserver;
    RouteChatCall call =
        new RouteChatCall(
            out, InboundWindow.takeOver(out, InboundWindow.NOTES_OVER_NETWORK), observer);
    try {
      call.chat = backend.routeChat(call.new Replies());
    } catch (RuntimeException e) {
      call.closeResponse(FailureStatus.fromBackend("RouteChat", e));
      return new IgnoringObserver<>();
    }
    out.setOnCancelHandler(call::cancelled);
    out.setOnReadyHandler(call::postWhileReady);
    call.window.open();
    return call;
  }

  // Inbound: the client's notes, half-close and cancellation, one callback at a time.

  @Override
  public void onNext(dev.routeguide.grpc.proto.RouteNote message) {
    if (chatEnded) {
      return;
    }
    try {
      received.add(ProtoMapper.fromProto(message));
    } catch (IllegalArgumentException e) {
      endChat(FailureStatus.invalidArgument(e));
      return;
    }
    postWhileReady();
  }

  @Override
  public void onError(Throwable clientFailure) {
    cancelled();
  }

  @Override
  public void onCompleted() {
    halfClosed = true;
    postWhileReady();
  }

  /**
   * Posts the notes received so far while the call can take their replies, then completes the
   * chat once the client has half-closed and every note is posted. Runs again on each ready
   * signal.
   */
  private void postWhileReady() {
    while (true) {
      boolean closed;
      synchronized (lock) {
        closed = responseClosed;
        if (!closed) {
          writeWhileReady();
          if (!outgoing.isEmpty()) {
            // The transport refused what is queued (not ready, overdraft spent): post nothing
            // more until the ready handler has written it.
            return;
          }
        }
      }
      if (chatEnded) {
        // Completed: a remote backend's last replies and completion may still arrive, and this
        // ready handler is what writes those the transport could not take at once.
        return;
      }
      if (closed) {
        // Failed or overflowed on another thread: stop the backend here, on the call's thread,
        // and outside the lock, which a live note's thread may want while the backend holds its.
        endChat(null);
        return;
      }
      RouteNote note = received.poll();
      if (note == null) {
        if (halfClosed) {
          completeChat();
        }
        return;
      }
      sendingThread = Thread.currentThread();
      try {
        chat.send(note);
      } catch (RuntimeException e) {
        endChat(FailureStatus.fromBackend("RouteChat", e));
        return;
      } finally {
        sendingThread = null;
      }
      window.handled();
    }
  }

  private void completeChat() {
    chatEnded = true;
    window.close();
    try {
      chat.complete();
    } catch (RuntimeException e) {
      chat.cancel();
      closeResponse(FailureStatus.fromBackend("RouteChat", e));
    }
  }

  private void cancelled() {
    synchronized (lock) {
      responseClosed = true;
      outgoing.clear();
      dropHeld();
    }
    endChat(null);
  }

  /** Cancels the backend chat once and closes the response with the status, if any. */
  private void endChat(StatusRuntimeException status) {
    window.close();
    received.clear();
    if (!chatEnded) {
      chatEnded = true;
      chat.cancel();
    }
    if (status != null) {
      closeResponse(status);
    }
  }

  private void closeResponse(StatusRuntimeException status) {
    synchronized (lock) {
      if (!responseClosed) {
        // Replies held in this turn go out before the failure, as they would have on any other
        // executor (those the transport refuses are dropped with the queue).
        writeHeldInOrder();
        responseClosed = true;
        outgoing.clear();
        out.onError(status);
      }
    }
  }

  /** Writes queued notes while the transport takes them; completes once all are written. */
  private void writeWhileReady() {
    // guarded by lock (callers hold it)
    while (!responseClosed && !outgoing.isEmpty() && mayWrite(outgoing.peek().note)) {
      Outgoing next = outgoing.poll();
      if (next.live) {
        liveWaiting--;
        liveBytesWaiting -= next.note.maxRetainedBytes();
      }
      out.onNext(ProtoMapper.toProto(next.note));
    }
    if (completeWhenWritten && !responseClosed && outgoing.isEmpty()) {
      responseClosed = true;
      out.onCompleted();
    }
  }

  /**
   * Whether the transport may take this note now: while it is ready, or beyond that while the
   * overdraft lasts, which the note then spends. Guarded by lock.
   */
  private boolean mayWrite(RouteNote note) {
    if (readyRenewingOverdraft()) {
      return true;
    }
    long cost = note.maxRetainedBytes();
    if (overdraftBytes + cost > OVERDRAFT_BYTES) {
      return false;
    }
    overdraftBytes += cost;
    return true;
  }

  /** Whether the call is ready; seen ready, its overdraft is renewed. Guarded by lock. */
  private boolean readyRenewingOverdraft() {
    if (!out.isReady()) {
      return false;
    }
    overdraftBytes = 0;
    return true;
  }

  /**
   * Holds a reply until the end of the running turn, registering its write when it is the first
   * held; false, holding nothing, unless the reply comes during this call's own post in a turn,
   * and when holding it would pass {@link #HELD_BYTES} or, while the call is not ready, what is
   * left of the overdraft (so that held replies written to a call that is not ready never pass
   * it). Guarded by lock.
   */
  private boolean hold(RouteNote note) {
    if (Thread.currentThread() != sendingThread) {
      // Another call's post, or a remote backend's thread: a turn there is not this call's.
      return false;
    }
    long cost = note.maxRetainedBytes();
    if (heldBytes + cost > HELD_BYTES) {
      return false;
    }
    if (overdraftBytes + heldBytes + cost > OVERDRAFT_BYTES && !readyRenewingOverdraft()) {
      return false;
    }
    if (held.isEmpty() && !TurnExecutor.atEndOfTurn(writeHeldAtEndOfTurn)) {
      return false;
    }
    held.add(note);
    heldBytes += cost;
    return true;
  }

  /**
   * Writes the held replies, in order, as {@link Replies#onNote} would have; queues the rest. Runs
   * at the end of the turn, where gRPC may already run the call's next callbacks on another
   * thread, so a transport failure here closes the response with {@code INTERNAL} and cancels the
   * backend (safe from any thread), as a live-buffer overflow does, rather than leaving the call
   * to hang.
   */
  private void writeHeld() {
    try {
      synchronized (lock) {
        writeHeldInOrder();
      }
    } catch (RuntimeException e) {
      synchronized (lock) {
        dropHeld();
      }
      closeResponse(FailureStatus.fromBackend("RouteChat", e));
      chat.cancel();
    }
  }

  /** Guarded by lock. */
  private void writeHeldInOrder() {
    for (RouteNote note = held.poll(); note != null; note = held.poll()) {
      writeOrQueue(note);
    }
    heldBytes = 0;
  }

  /** Guarded by lock. */
  private void dropHeld() {
    held.clear();
    heldBytes = 0;
  }

  /** Writes a reply now if nothing waits ahead of it and the transport takes it, else queues it. */
  private void writeOrQueue(RouteNote note) {
    // guarded by lock (callers hold it)
    if (responseClosed) {
      return;
    }
    if (outgoing.isEmpty() && mayWrite(note)) {
      // Nothing waits ahead of it: written at once, without a queue entry.
      out.onNext(ProtoMapper.toProto(note));
    } else {
      outgoing.add(new Outgoing(note, false));
      writeWhileReady();
    }
  }

  /** A note waiting to be written; live ones count against the live buffer. */
  private record Outgoing(RouteNote note, boolean live) {}

  /** The backend's replies, live notes, completion and failure, written back to the client. */
  private final class Replies implements NoteReceiver {
    @Override
    public void onNote(RouteNote note) {
      synchronized (lock) {
        if (responseClosed || hold(note)) {
          return;
        }
        writeHeldInOrder();
        writeOrQueue(note);
      }
    }

    @Override
    public void onLiveNote(RouteNote note) {
      synchronized (lock) {
        if (responseClosed) {
          return;
        }
        writeHeldInOrder();
        outgoing.add(new Outgoing(note, true));
        liveWaiting++;
        liveBytesWaiting += note.maxRetainedBytes();
        writeWhileReady();
        if (responseClosed
            || (liveWaiting <= LIVE_BUFFER && liveBytesWaiting <= LIVE_BUFFER_BYTES)) {
          return;
        }
        responseClosed = true;
        outgoing.clear();
        observer.liveNotesDropped(liveWaiting);
        out.onError(Status.RESOURCE_EXHAUSTED
            .withDescription("live notes: the client reads too slowly; " + liveWaiting
                + " live notes (" + liveBytesWaiting + " bytes) were waiting to be sent, more"
                + " than the " + LIVE_BUFFER + " notes or " + LIVE_BUFFER_BYTES
                + " bytes a call may hold")
            .asRuntimeException());
      }
      // Stop the live notes now, outside the lock: gRPC does not report a call this server
      // failed as cancelled until its client has read what was sent before (in-process).
      chat.cancel();
    }

    @Override
    public void onCompleted() {
      synchronized (lock) {
        writeHeldInOrder();
        completeWhenWritten = true;
        writeWhileReady();
      }
    }

    @Override
    public void onError(Throwable error) {
      closeResponse(FailureStatus.fromBackend("RouteChat", error));
    }
  }
}
