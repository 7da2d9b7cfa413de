package dev.routeguide.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.UnavailableException;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.LiveNoteListener;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.notes.NoteBoardObserver;
import dev.routeguide.core.notes.NoteSession;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.MonotonicClock;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.grpc.client.RouteGuideStatusException;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.server.RouteGuideService;
import dev.routeguide.grpc.transport.RouteGuideChannels;
import dev.routeguide.grpc.transport.RouteGuideServer;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RouteChat with live delivery switched on, over the in-process transport and over TCP. */
@DisplayName("RouteChat with live delivery")
class LiveRouteChatTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Point HERE = Point.ofE7(407838351, -746143763);
  /** The most live notes a call may hold for a slow reader, whatever their size. */
  private static final int LIVE_BUFFER_NOTES = 64;
  /** RouteChatCall's live buffer in bytes and its overdraft. */
  private static final int LIVE_BUFFER_BYTES = 16 * 1024;
  private static final int OVERDRAFT_BYTES = 32 * 1024;

  enum Transport { IN_PROCESS, TCP }

  private final InMemoryNoteBoard board = new InMemoryNoteBoard();
  private final AtomicInteger liveNotesDropped = new AtomicInteger();
  private RouteGuideServer server;
  private ManagedChannel channel;

  @AfterEach
  void shutDown() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow();
      assertThat(channel.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    if (server != null) {
      server.close();
    }
  }

  private RouteGuideClient serve(Transport transport, NoteBoard noteBoard) throws Exception {
    LocalRouteGuide backend =
        new LocalRouteGuide(FeatureCatalogue.empty(), noteBoard, MonotonicClock.startingNow())
            .withLiveChat(true);
    RouteGuideService service = new RouteGuideService(backend, new NoteBoardObserver() {
      @Override
      public void liveNotesDropped(int count) {
        liveNotesDropped.addAndGet(count);
      }
    });
    if (transport == Transport.IN_PROCESS) {
      String name = InProcessServerBuilder.generateName();
      server = RouteGuideServer.builder(service).inProcess(name).start();
      channel = RouteGuideChannels.inProcess(name);
    } else {
      server = RouteGuideServer.builder(service).tcp("127.0.0.1", 0).start();
      channel = RouteGuideChannels.plaintext(server.target());
    }
    return RouteGuideClient.over(channel);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void oneChatReceivesTheOthersLaterNoteWithinASecondAndNeverItsOwn(Transport transport)
      throws Exception {
    RouteGuideClient client = serve(transport, board);
    NoteInbox first = new NoteInbox();
    NoteInbox second = new NoteInbox();
    RouteChat a = client.routeChat(first);
    RouteChat b = client.routeChat(second);
    a.send(RouteNote.at(HERE, "a1"));
    awaitCondition("a1 stored", () -> board.noteCount() == 1);

    long sent = System.nanoTime();
    b.send(RouteNote.at(HERE, "b1"));
    assertThat(first.poll(Duration.ofSeconds(1))).contains(RouteNote.at(HERE, "b1"));
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));

    a.send(RouteNote.at(HERE, "a2"));
    a.complete();
    b.complete();
    // a: its reply to a2 is the history before it; no echo of a1 or a2 anywhere.
    assertThat(first.awaitAll(TIMEOUT)).extracting(RouteNote::message).containsExactly("a1", "b1");
    // b: its reply to b1, then a2 live (unless b's completion came first).
    assertThat(second.awaitAll(TIMEOUT)).extracting(RouteNote::message)
        .startsWith("a1").doesNotContain("b1");
    awaitCondition("sessions closed", () -> board.openSessionCount() == 0);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void endsAReaderTooSlowForItsLiveNotesWithResourceExhausted(Transport transport)
      throws Exception {
    serve(transport, board);
    AtomicReference<ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote>> call =
        new AtomicReference<>();
    RecordingObserver<dev.routeguide.grpc.proto.RouteNote> replies = watchWithoutReading(call);

    // Others keep posting until the server gives up on the reader (bounded in count).
    String message = "x".repeat(1000);
    int posted = 0;
    while (board.openSessionCount() > 0 && posted < 20_000) {
      board.post(RouteNote.at(HERE, message + posted++));
    }
    // The server fails the call on the poster's thread; gRPC then cancels it on its own.
    awaitCondition("the slow reader's session closed", () -> board.openSessionCount() == 0);
    assertThat(board.followedLocationCount()).isZero();

    call.get().request(Integer.MAX_VALUE); // the status follows the notes already sent
    Status status = replies.awaitFailure();
    assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(status.getDescription()).contains("live notes").contains("reads too slowly");
    assertThat(replies.values()).hasSizeLessThan(posted);
    // What waited in the call's live buffer (bounded by notes or, for these 1,000-char notes,
    // by bytes) with the note that overflowed it, all posted from this one thread, is what the
    // status says was waiting.
    Matcher waiting = Pattern.compile("; (\\d+) live notes").matcher(status.getDescription());
    assertThat(waiting.find()).as("the status names the notes waiting").isTrue();
    assertThat(liveNotesDropped.get())
        .isEqualTo(Integer.parseInt(waiting.group(1))).isBetween(2, LIVE_BUFFER_NOTES + 1);
  }

  @Test
  void endsAStalledReaderOnceItsLiveNotesPassTheByteBudgetLongBeforeTheNoteCount()
      throws Exception {
    serve(Transport.IN_PROCESS, board);
    AtomicReference<ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote>> call =
        new AtomicReference<>();
    RecordingObserver<dev.routeguide.grpc.proto.RouteNote> replies = watchWithoutReading(call);

    // The longest notes the default board takes, in text that is not Latin-1 (2 bytes a char).
    String widest = "ж".repeat(NoteBoardLimits.DEFAULT.maxMessageLength());
    int posted = 0;
    while (board.openSessionCount() > 0 && posted < LIVE_BUFFER_NOTES) {
      board.post(RouteNote.at(HERE, widest));
      posted++;
    }
    awaitCondition("the slow reader's session closed", () -> board.openSessionCount() == 0);

    call.get().request(Integer.MAX_VALUE);
    Status status = replies.awaitFailure();
    assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(status.getDescription()).contains("live notes").contains("bytes");
    // In process nothing below the call holds what the client has not asked for, so what was
    // posted is the one note the client asked for, what the call's overdraft and its live
    // buffer's byte budget each hold of these 2 KiB notes, and the note that overflowed: a score
    // of notes, not the buffer's 64.
    long noteBytes = RouteNote.at(HERE, widest).maxRetainedBytes();
    assertThat(posted)
        .isLessThanOrEqualTo(
            1 + (int) (OVERDRAFT_BYTES / noteBytes) + (int) (LIVE_BUFFER_BYTES / noteBytes) + 1)
        .isLessThan(LIVE_BUFFER_NOTES / 2);
  }

  @Test
  void countsNoRepliesOfARemoteBackendAsLiveNotesWhileItsClientIsSlow() throws Exception {
    int earlier = NoteBoardLimits.DEFAULT.maxNotesPerLocation();
    for (int i = 0; i < earlier; i++) {
      board.post(RouteNote.at(HERE, "earlier " + i));
    }
    InProcessServer origin = InProcessServer.serving(
        new LocalRouteGuide(FeatureCatalogue.empty(), board, MonotonicClock.startingNow())
            .withLiveChat(true),
        InProcessServer.Executor.POOLED);
    RouteGuideClient upstream = RouteGuideClient.over(origin.channel());
    ObservedRouteGuide backend = new ObservedRouteGuide(upstream);
    try (origin; upstream; InProcessServer proxy =
        InProcessServer.serving(backend, InProcessServer.Executor.POOLED)) {
      AtomicReference<ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote>> call =
          new AtomicReference<>();
      RecordingObserver<dev.routeguide.grpc.proto.RouteNote> replies = new RecordingObserver<>();
      RouteGuideGrpc.newStub(proxy.channel()).routeChat(new NonReadingClient(call, replies));
      call.get().onNext(ProtoMapper.toProto(RouteNote.at(HERE, "through the proxy")));
      // Every reply has reached the proxy's call, which can write one: the rest wait there.
      awaitCondition("the far server's replies at the proxy",
          () -> backend.repliesDelivered() == earlier);
      assertThat(earlier).isGreaterThan(LIVE_BUFFER_NOTES);

      call.get().onCompleted();
      call.get().request(Integer.MAX_VALUE);
      assertThat(replies.awaitCompletion())
          .extracting(dev.routeguide.grpc.proto.RouteNote::getMessage)
          .hasSize(earlier)
          .startsWith("earlier 0", "earlier 1")
          .endsWith("earlier " + (earlier - 1));
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void endsTheCallWithUnavailableWhenTheBoardLosesLiveDelivery(Transport transport)
      throws Exception {
    InterruptibleBoard interruptible = new InterruptibleBoard(board);
    RouteGuideClient client = serve(transport, interruptible);
    NoteInbox inbox = new NoteInbox();
    RouteChat chat = client.routeChat(inbox);
    chat.send(RouteNote.at(HERE, "watching"));
    awaitCondition("the note stored", () -> board.noteCount() == 1);

    interruptible.listener.get()
        .onLiveInterrupted(new UnavailableException("note store: subscription lost"));

    Throwable failure = null;
    try {
      inbox.awaitAll(TIMEOUT);
    } catch (UnavailableException e) {
      failure = e;
    }
    assertThat(failure).isNotNull().hasMessageContaining("subscription lost");
    Status status = RouteGuideStatusException.statusOf(failure).orElseThrow();
    assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(status.getDescription()).contains("subscription lost");
    awaitCondition("the session closed", () -> board.openSessionCount() == 0);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void leavesNothingRegisteredAfterThousandsOfChats(Transport transport) throws Exception {
    RouteGuideClient client = serve(transport, board);
    // Over TCP a tenth as many, to stay in the build's time budget: the code path is the same.
    int chats = transport == Transport.IN_PROCESS ? 10_000 : 1_000;
    int inFlight = 200;
    for (int batch = 0; batch < chats / inFlight; batch++) {
      List<NoteInbox> inboxes = new ArrayList<>();
      List<RouteChat> open = new ArrayList<>();
      for (int i = 0; i < inFlight; i++) {
        NoteInbox inbox = new NoteInbox();
        RouteChat chat = client.routeChat(inbox);
        chat.send(RouteNote.at(Point.ofE7(i, batch), "chat " + i));
        inboxes.add(inbox);
        open.add(chat);
      }
      awaitCondition("batch " + batch + " stored",
          () -> board.followedLocationCount() == inFlight);
      for (int i = 0; i < inFlight; i++) {
        if (i % 2 == 0) {
          open.get(i).complete();
        } else {
          open.get(i).cancel();
        }
      }
      for (int i = 0; i < inFlight; i += 2) {
        inboxes.get(i).awaitAll(TIMEOUT);
      }
    }

    awaitCondition("every session closed", () -> board.openSessionCount() == 0);
    assertThat(board.followedLocationCount()).isZero();
    // One note a location: each is kept, or was evicted with its location by a full segment.
    assertThat(board.noteCount() + board.evictedLocationCount()).isEqualTo(chats);
  }

  /**
   * Opens a chat whose client posts one note at {@link #HERE} and then reads nothing until the
   * test requests more through {@code call}; returns what it receives.
   */
  private RecordingObserver<dev.routeguide.grpc.proto.RouteNote> watchWithoutReading(
      AtomicReference<ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote>> call)
      throws InterruptedException, TimeoutException {
    RecordingObserver<dev.routeguide.grpc.proto.RouteNote> replies = new RecordingObserver<>();
    RouteGuideGrpc.newStub(channel).routeChat(new NonReadingClient(call, replies));
    call.get().onNext(ProtoMapper.toProto(RouteNote.at(HERE, "watching, never reading")));
    awaitCondition("the note stored", () -> board.noteCount() == 1);
    return replies;
  }

  private static void awaitCondition(String what, BooleanSupplier condition)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("waited " + TIMEOUT + " for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(1); // polling interval, not a stand-in for the condition
    }
  }

  /**
   * A client that asks for one reply (in-process, a call is ready to send only while its client
   * has asked for something) and reads nothing more until the test says so.
   */
  private static final class NonReadingClient
      implements ClientResponseObserver<
          dev.routeguide.grpc.proto.RouteNote, dev.routeguide.grpc.proto.RouteNote> {
    private final AtomicReference<ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote>>
        call;
    private final RecordingObserver<dev.routeguide.grpc.proto.RouteNote> replies;

    NonReadingClient(
        AtomicReference<ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote>> call,
        RecordingObserver<dev.routeguide.grpc.proto.RouteNote> replies) {
      this.call = call;
      this.replies = replies;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> r) {
      r.disableAutoRequestWithInitial(1);
      call.set(r);
    }

    @Override
    public void onNext(dev.routeguide.grpc.proto.RouteNote note) {
      replies.onNext(note);
    }

    @Override
    public void onError(Throwable t) {
      replies.onError(t);
    }

    @Override
    public void onCompleted() {
      replies.onCompleted();
    }
  }

  /** The in-memory board, with a handle on the last session's listener to interrupt it. */
  private static final class InterruptibleBoard implements NoteBoard {
    private final NoteBoard board;
    final AtomicReference<LiveNoteListener> listener = new AtomicReference<>();

    InterruptibleBoard(NoteBoard board) {
      this.board = board;
    }

    @Override
    public List<RouteNote> post(RouteNote note) {
      return board.post(note);
    }

    @Override
    public NoteSession openSession(LiveNoteListener listener) {
      this.listener.set(listener);
      return board.openSession(listener);
    }
  }
}
