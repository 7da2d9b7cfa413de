package dev.routeguide.grpc.server;

import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.ProtoMapper;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One RouteChat call on the server: each note received is sent to the backend's {@link RouteChat},
 * and the backend's replies, completion or failure are written back as the call's {@link
 * NoteReceiver}, each earlier note as its own message.
 *
 * <p><b>Flow control.</b> Replies exist only in answer to notes, so this call takes charge of
 * inbound flow control and asks for the next note only when the call is ready to send again. A
 * client that stops reading replies therefore stops being read: at most the replies to one note
 * (bounded by the board's per-location cap) wait beyond the transport's own window, instead of
 * replies piling up without limit.
 *
 * <p><b>Threads.</b> gRPC delivers this call's inbound callbacks one at a time, and those are the
 * only callers of the backend chat. A remote backend may deliver replies on its own threads, so
 * every write to the response observer holds one lock, and the first completion, failure or
 * cancellation closes the response for good.
 */
final class RouteChatCall implements StreamObserver<dev.routeguide.grpc.proto.RouteNote> {

  private final ServerCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> out;
  private final Object writeLock = new Object();
  private boolean responseClosed; // guarded by writeLock
  private RouteChat chat;
  private boolean inputEnded;
  private boolean awaitingReady;

  private RouteChatCall(ServerCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> out) {
    this.out = out;
  }

  /** Opens the backend chat and returns the observer for the client's notes. */
  static StreamObserver<dev.routeguide.grpc.proto.RouteNote> start(
      RouteGuide backend, StreamObserver<dev.routeguide.grpc.proto.RouteNote> responseObserver) {
    ServerCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> out =
        (ServerCallStreamObserver<dev.routeguide.grpc.proto.RouteNote>) responseObserver;
    out.disableAutoRequest();
    RouteChatCall call = new RouteChatCall(out);
    try {
      call.chat = backend.routeChat(call.new Replies());
    } catch (RuntimeException e) {
      call.closeResponse(FailureStatus.fromBackend("RouteChat", e));
      return new IgnoringObserver<>();
    }
    out.setOnCancelHandler(call::cancelled);
    out.setOnReadyHandler(call::ready);
    out.request(1);
    return call;
  }

  // Inbound: the client's notes, half-close and cancellation.

  @Override
  public void onNext(dev.routeguide.grpc.proto.RouteNote message) {
    if (inputEnded) {
      return;
    }
    RouteNote note;
    try {
      note = ProtoMapper.fromProto(message);
    } catch (IllegalArgumentException e) {
      endInput(FailureStatus.invalidArgument(e));
      return;
    }
    try {
      chat.send(note);
    } catch (RuntimeException e) {
      endInput(FailureStatus.fromBackend("RouteChat", e));
      return;
    }
    requestNextNote();
  }

  @Override
  public void onError(Throwable clientFailure) {
    cancelled();
  }

  @Override
  public void onCompleted() {
    if (inputEnded) {
      return;
    }
    inputEnded = true;
    try {
      chat.complete();
    } catch (RuntimeException e) {
      chat.cancel();
      closeResponse(FailureStatus.fromBackend("RouteChat", e));
    }
  }

  private void requestNextNote() {
    if (out.isReady()) {
      out.request(1);
    } else {
      awaitingReady = true;
    }
  }

  private void ready() {
    if (awaitingReady && !inputEnded && out.isReady()) {
      awaitingReady = false;
      out.request(1);
    }
  }

  private void cancelled() {
    synchronized (writeLock) {
      responseClosed = true;
    }
    inputEnded = true;
    chat.cancel();
  }

  private void endInput(StatusRuntimeException status) {
    inputEnded = true;
    chat.cancel();
    closeResponse(status);
  }

  private void closeResponse(StatusRuntimeException status) {
    synchronized (writeLock) {
      if (!responseClosed) {
        responseClosed = true;
        out.onError(status);
      }
    }
  }

  /** The backend's replies, completion and failure, written back to the client. */
  private final class Replies implements NoteReceiver {
    @Override
    public void onNote(RouteNote note) {
      synchronized (writeLock) {
        if (!responseClosed) {
          out.onNext(ProtoMapper.toProto(note));
        }
      }
    }

    @Override
    public void onCompleted() {
      synchronized (writeLock) {
        if (!responseClosed) {
          responseClosed = true;
          out.onCompleted();
        }
      }
    }

    @Override
    public void onError(Throwable error) {
      closeResponse(FailureStatus.fromBackend("RouteChat", error));
    }
  }
}
