package dev.routeguide.grpc.client;

import dev.routeguide.core.AbstractRouteChat;
import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteGuideException;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.util.Objects;

/**
 * The client's side of one RouteChat call; its life (what is refused when, exactly one end for
 * the receiver, nothing after a cancel) is {@link AbstractRouteChat}'s. Replies, completion and
 * failure go to the {@link NoteReceiver} on gRPC's threads, one at a time; failures arrive as the
 * {@link RouteGuideException} that {@link RouteGuideStatusException#from} makes of them. {@link
 * #send} waits while the call is not ready for another note and a bounded overdraft is spent (an
 * {@link OutboundCall}), so it must not be called from the receiver.
 *
 * <p>Replies are requested {@value #REPLY_WINDOW} ahead and topped up by half as the receiver
 * returns from them, as the benchmarks' plain stub client does: one request per reply would make
 * every reply a round trip between threads (in process, the server may write only what the client
 * has requested). A receiver that does not return holds the call at that window, so a slow
 * receiver still stops the server, which then stops reading notes.
 *
 * <p>Once the owner cancels, no completion or failure is delivered, and no note after a reply
 * that may be in delivery at that moment.
 */
final class RemoteRouteChat extends AbstractRouteChat
    implements ClientResponseObserver<
        dev.routeguide.grpc.proto.RouteNote, dev.routeguide.grpc.proto.RouteNote> {

  /** Replies requested ahead of the receiver. */
  static final int REPLY_WINDOW = 64;

  private final OutboundCall<dev.routeguide.grpc.proto.RouteNote> requests;
  private ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> call;
  private int repliesSinceTopUp; // touched by gRPC's serialised callbacks only

  private RemoteRouteChat(NoteReceiver receiver) {
    super(receiver);
    requests = new OutboundCall<>("RouteChat", this::over, this::failure);
  }

  /** Starts the call; notes can be sent at once. */
  static RemoteRouteChat start(Channel channel, CallOptions options, NoteReceiver receiver) {
    RemoteRouteChat chat = new RemoteRouteChat(Objects.requireNonNull(receiver, "receiver"));
    ClientCalls.asyncBidiStreamingCall(
        channel.newCall(RouteGuideGrpc.getRouteChatMethod(), options), chat);
    return chat;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> call) {
    this.call = call;
    call.disableAutoRequestWithInitial(REPLY_WINDOW);
    requests.start(call);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Blocks once the transport has not been ready for a bounded overdraft of notes ({@link
   * OutboundCall}), until it is.
   */
  @Override
  protected void post(RouteNote note) {
    requests.send(ProtoMapper.toProto(note));
  }

  @Override
  protected void halfClose() {
    requests.halfClose();
  }

  @Override
  protected void abandon() {
    requests.cancel("route chat cancelled by the client", null);
  }

  @Override
  public void onNext(dev.routeguide.grpc.proto.RouteNote message) {
    if (hasEnded() || isCancelled()) {
      return;
    }
    RouteNote note;
    try {
      note = RouteGuideStatusException.decode(ProtoMapper::fromProto, message);
    } catch (RouteGuideStatusException invalid) {
      end(invalid);
      requests.cancel("invalid response from server", invalid);
      return;
    }
    deliver(note);
    if (++repliesSinceTopUp == REPLY_WINDOW / 2) {
      repliesSinceTopUp = 0;
      call.request(REPLY_WINDOW / 2);
    }
  }

  @Override
  public void onError(Throwable error) {
    end(RouteGuideStatusException.from(error));
  }

  @Override
  public void onCompleted() {
    endWithCompletion();
    requests.wake();
  }

  private void end(RouteGuideException error) {
    endWithFailure(error);
    requests.wake();
  }

  private boolean over() {
    return hasEnded() || isCancelled();
  }
}
