package dev.routeguide.grpc.client;

import dev.routeguide.core.RouteGuideException;
import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.util.Objects;

/**
 * The client's side of one RouteChat call. Replies, completion and failure go to the {@link
 * NoteReceiver} on gRPC's threads, one at a time; failures arrive as the {@link
 * RouteGuideException} that {@link RouteGuideStatusException#from} makes of them. {@link #send} waits while the call is not ready for another note, so
 * it must not be called from the receiver.
 *
 * <p>Once the owner cancels, no completion or failure is delivered, and no note after a reply
 * that may be in delivery at that moment.
 */
final class RemoteRouteChat
    implements RouteChat,
        ClientResponseObserver<
            dev.routeguide.grpc.proto.RouteNote, dev.routeguide.grpc.proto.RouteNote> {

  private final NoteReceiver receiver;
  private OutboundCall<dev.routeguide.grpc.proto.RouteNote> requests;
  private volatile RouteGuideException failure;
  private volatile boolean callEnded;
  private volatile boolean cancelled;
  private boolean completed;

  private RemoteRouteChat(NoteReceiver receiver) {
    this.receiver = receiver;
  }

  /** Starts the call; notes can be sent at once. */
  static RemoteRouteChat start(Channel channel, CallOptions options, NoteReceiver receiver) {
    RemoteRouteChat chat = new RemoteRouteChat(Objects.requireNonNull(receiver, "receiver"));
    ClientCalls.asyncBidiStreamingCall(
        channel.newCall(RouteGuideGrpc.getRouteChatMethod(), options), chat);
    return chat;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> requests) {
    this.requests = new OutboundCall<>(requests);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Blocks while the transport is not ready for another note.
   *
   * @throws RouteGuideException if the call has already failed
   */
  @Override
  public void send(RouteNote note) {
    Objects.requireNonNull(note, "note");
    if (completed || cancelled) {
      throw new IllegalStateException("route chat is already completed or cancelled");
    }
    requests.send(ProtoMapper.toProto(note), () -> callEnded || cancelled, () -> failure);
  }

  @Override
  public void complete() {
    if (!completed && !cancelled) {
      completed = true;
      requests.halfClose();
    }
  }

  @Override
  public void cancel() {
    if (!cancelled) {
      cancelled = true;
      requests.cancel("route chat cancelled by the client", null);
    }
  }

  @Override
  public void close() {
    if (!completed) {
      cancel();
    }
  }

  @Override
  public void onNext(dev.routeguide.grpc.proto.RouteNote message) {
    if (cancelled || callEnded) {
      return;
    }
    RouteNote note;
    try {
      note = ProtoMapper.fromProto(message);
    } catch (IllegalArgumentException e) {
      end(RouteGuideStatusException.invalidResponse(e));
      requests.cancel("invalid response from server", e);
      return;
    }
    receiver.onNote(note);
  }

  @Override
  public void onError(Throwable error) {
    end(RouteGuideStatusException.from(error));
  }

  @Override
  public void onCompleted() {
    if (!callEnded) {
      callEnded = true;
      requests.signal();
      if (!cancelled) {
        receiver.onCompleted();
      }
    }
  }

  // gRPC callbacks of one call never overlap, so the first outcome wins without a race.
  private void end(RouteGuideException error) {
    if (!callEnded) {
      failure = error;
      callEnded = true;
      requests.signal();
      if (!cancelled) {
        receiver.onError(error);
      }
    }
  }
}
