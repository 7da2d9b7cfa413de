package dev.routeguide.grpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.ForwardingRouteGuide;
import dev.routeguide.grpc.InProcessServer;
import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.grpc.SilentChat;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.transport.RouteGuideChannels;
import dev.routeguide.grpc.transport.RouteGuideServer;
import io.grpc.ForwardingServerCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How RouteChat writes its replies ({@link RouteChatCall}): in the backend's order, also when one
 * note draws more replies than the client requests at a time; at once for a client that waits for
 * each reply before its next note; and, for a client that stops reading, only until the replies it
 * left unread have spent the overdraft: then the call stops posting its notes. On a {@link
 * TurnExecutor}, the replies of one turn go out together at its end, or once they fill a batch.
 */
class RouteChatRepliesTest {

  private static final long TIMEOUT_SECONDS = 10;
  private static final Point HERE = Point.ofE7(30_000_000, 30_000_000);

  private final InMemoryNoteBoard board = new InMemoryNoteBoard();
  private final LocalRouteGuide backend =
      new LocalRouteGuide(FeatureCatalogue.empty(), board, Clock.systemUTC());
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void shutDown() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-process", "tcp"})
  void writesEveryReplyInTheBoardsOrder(String transport) throws Exception {
    ManagedChannel channel = readyMadeServer(transport);
    int notes = 90; // note n draws its n predecessors: more than the stub's window for most
    Replies replies = reading();
    StreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        RouteGuideGrpc.newStub(channel).routeChat(replies);
    send(requests, notes);
    requests.onCompleted();

    assertThat(replies.awaitCompletion()).containsExactlyElementsOf(everyReply(notes));
  }

  @Test
  void answersAClientThatWaitsForEachReplyBeforeItsNextNote() throws Exception {
    ManagedChannel channel = readyMadeServer("in-process");
    Replies replies = reading();
    StreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        RouteGuideGrpc.newStub(channel).routeChat(replies);
    requests.onNext(note(0));
    for (int n = 1; n < 20; n++) {
      requests.onNext(note(n));
      for (int earlier = 0; earlier < n; earlier++) {
        assertThat(replies.next())
            .as("reply %d to note %d", earlier, n)
            .isEqualTo(message(earlier));
      }
    }
    requests.onCompleted();
    assertThat(replies.awaitCompletion()).isEmpty();
  }

  @Test
  void postsAndAsksForNoMoreNotesOnceTheRepliesLeftUnreadHaveSpentTheOverdraft() throws Exception {
    // Direct executors run every step on this thread, so "what could happen has happened" when
    // each call returns; the exact counts below rely on that.
    InProcessServer server = InProcessServer.serving(backend, InProcessServer.Executor.DIRECT);
    resources.add(server);
    Replies replies = holding();
    ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        replies.startOn(server.channel());
    int notes = InboundWindow.IN_PROCESS_SIZE + 100; // more than the server asks for ahead
    send(requests, notes); // ignoring isReady on purpose
    requests.onCompleted();

    assertStalledAfter(notesPostedUntilTheOverdraftIsSpent(), requests);
    assertThat(replies.receivedSoFar()).isEmpty();

    // Once the client reads, the server catches up: each note is answered with the notes before
    // it, as many as the board keeps at a location.
    requests.request(Integer.MAX_VALUE);
    assertThat(replies.awaitCompletion()).hasSize(repliesToNotesAtOneLocation(notes));
  }

  @Test
  void onATurnExecutorWritesTheRepliesOfATurnWhenItEnds() throws Exception {
    TurnServer server = turnServer();
    Replies replies = reading();
    StreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        RouteGuideGrpc.newStub(server.channel).routeChat(replies);
    int notes = 10; // 45 short replies: well within one batch
    send(requests, notes); // queued: the server's executor has not run yet
    server.pool.runUntilIdle(); // one turn: the call's start and its ten notes

    assertThat(replies.boardSizeAtEachReply())
        .as("notes on the board as each reply arrived")
        .hasSize(notes * (notes - 1) / 2)
        .containsOnly((long) notes);
    requests.onCompleted();
    server.pool.runUntilIdle();
    assertThat(replies.awaitCompletion()).containsExactlyElementsOf(everyReply(notes));
  }

  @Test
  void theReadyMadeServerBatchesRepliesOnTheExecutorItIsGiven() throws Exception {
    String name = InProcessServerBuilder.generateName();
    ManualExecutor pool = new ManualExecutor();
    RouteGuideServer server =
        RouteGuideServer.builder(backend).inProcess(name).executor(pool).start();
    resources.add(server);
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    resources.add(() -> channel.shutdownNow());
    Replies replies = reading();
    StreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        RouteGuideGrpc.newStub(channel).routeChat(replies);
    send(requests, 10);
    pool.runUntilIdle();

    assertThat(replies.boardSizeAtEachReply())
        .as("notes on the board as each reply arrived")
        .hasSize(45)
        .containsOnly(10L);
  }

  @Test
  void onATurnExecutorWritesHeldRepliesOnceTheyFillABatch() throws Exception {
    TurnServer server = turnServer();
    Replies replies = reading();
    StreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        RouteGuideGrpc.newStub(server.channel).routeChat(replies);
    int notes = 90;
    send(requests, notes);
    requests.onCompleted();
    server.pool.runUntilIdle();

    assertThat(replies.awaitCompletion()).containsExactlyElementsOf(everyReply(notes));
    assertThat(replies.boardSizeAtEachReply().get(0))
        .as("notes on the board when the first batch went out")
        .isEqualTo(notesPostedUntilABatchIsFull());
  }

  @Test
  void onATurnExecutorStillPostsOnlyUntilTheUnreadRepliesHaveSpentTheOverdraft() throws Exception {
    TurnServer server = turnServer();
    Replies replies = holding();
    ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        replies.startOn(server.channel);
    int notes = InboundWindow.IN_PROCESS_SIZE + 100;
    send(requests, notes); // ignoring isReady on purpose
    requests.onCompleted();
    server.pool.runUntilIdle();

    // Held replies are written from the same overdraft once a batch fills (a batch is no larger),
    // so holding them lets the call post no further.
    assertStalledAfter(notesPostedUntilTheOverdraftIsSpent(), requests);
    assertThat(replies.receivedSoFar()).isEmpty();

    requests.request(Integer.MAX_VALUE);
    server.pool.runUntilIdle();
    assertThat(replies.awaitCompletion()).hasSize(repliesToNotesAtOneLocation(notes));
  }

  @Test
  void onATurnExecutorHoldsNoMoreRepliesThanTheOverdraftAnEarlierTurnLeft() throws Exception {
    TurnServer server = turnServer();
    Replies replies = holding();
    ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        replies.startOn(server.channel);
    long lastPosted = notesPostedUntilTheOverdraftIsSpent();
    int firstTurn = (int) lastPosted / 2; // their replies spend part of the overdraft
    send(requests, 0, firstTurn);
    server.pool.runUntilIdle();
    send(requests, firstTurn, InboundWindow.IN_PROCESS_SIZE + 100);
    requests.onCompleted();
    server.pool.runUntilIdle();

    // The second turn holds only what the first left of the overdraft: the call stops posting at
    // the same note as when every reply is written at once.
    assertStalledAfter(lastPosted, requests);

    requests.request(Integer.MAX_VALUE);
    server.pool.runUntilIdle();
    assertThat(replies.awaitCompletion())
        .hasSize(repliesToNotesAtOneLocation(InboundWindow.IN_PROCESS_SIZE + 100));
  }

  @Test
  void onATurnExecutorHoldsAFullBatchOnceTheClientHasReadWhatSpentTheOverdraft() throws Exception {
    TurnServer server = turnServer();
    Replies replies = holding();
    ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        replies.startOn(server.channel);
    int firstTurn = (int) notesPostedUntilTheOverdraftIsSpent() / 2;
    send(requests, 0, firstTurn); // their replies spend part of the overdraft, unread
    server.pool.runUntilIdle();
    requests.request(Integer.MAX_VALUE); // read: the call is ready again
    server.pool.runUntilIdle();
    send(requests, firstTurn, firstTurn + 40);
    requests.onCompleted();
    server.pool.runUntilIdle();

    List<Long> boardSizes = replies.boardSizeAtEachReply();
    assertThat(boardSizes.get(repliesToNotesAtOneLocation(firstTurn)))
        .as("notes on the board when the second turn's first batch went out")
        .isEqualTo(notesPostedUntilTheirRepliesPass(firstTurn, RouteChatCall.HELD_BYTES));
    assertThat(replies.awaitCompletion()).hasSize(repliesToNotesAtOneLocation(firstTurn + 40));
  }

  @Test
  void onATurnExecutorEndsTheCallWithInternalWhenWritingHeldRepliesFails() throws Exception {
    int failingReply = 5;
    TurnServer server = turnServer(new FailingReply(failingReply));
    Replies replies = reading();
    StreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        RouteGuideGrpc.newStub(server.channel).routeChat(replies);
    send(requests, 0, 10); // 45 replies, held for the end of the turn
    server.pool.runUntilIdle();

    assertThat(replies.awaitFailure())
        .extracting(failure -> Status.fromThrowable(failure).getCode())
        .isEqualTo(Status.Code.INTERNAL);
    assertThat(replies.receivedSoFar())
        .as("the replies written before the failing one")
        .containsExactlyElementsOf(everyReply(10).subList(0, failingReply - 1));
    requests.onNext(note(10)); // the backend's chat was cancelled: nothing more is posted
    server.pool.runUntilIdle();
    assertThat(board.noteCount()).isEqualTo(10);
  }

  @Test
  void onATurnExecutorWritesAtOnceAReplyGivenOutsideTheCallsOwnPost() throws Exception {
    // A remote backend answers on its own threads, which may run tasks of a TurnExecutor too:
    // such a task is not this call's turn, and its end may be far off.
    CompletableFuture<NoteReceiver> receiver = new CompletableFuture<>();
    RouteGuide answeringLater = chattingWith(chatReceiver -> {
      receiver.complete(chatReceiver);
      return new SilentChat(); // the test answers later
    });
    TurnServer server = turnServer(answeringLater);
    Replies replies = reading();
    StreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        RouteGuideGrpc.newStub(server.channel).routeChat(replies);
    send(requests, 1);
    server.pool.runUntilIdle();

    List<String> receivedInTheTask = new ArrayList<>();
    TurnExecutor.wrapping(Runnable::run).execute(() -> {
      receiver.join().onNote(RouteNote.at(HERE, "answered later"));
      receivedInTheTask.addAll(replies.receivedSoFar());
    });
    assertThat(receivedInTheTask).containsExactly("answered later");
  }

  @Test
  void onATurnExecutorWritesTheRepliesHeldBeforeTheBackendFailsAheadOfTheFailure()
      throws Exception {
    RouteGuide failingAfterTwoReplies = chattingWith(chatReceiver -> new SilentChat() {
      @Override
      public void send(RouteNote note) {
        chatReceiver.onNote(RouteNote.at(HERE, "first"));
        chatReceiver.onNote(RouteNote.at(HERE, "second"));
        throw new IllegalStateException("the store broke");
      }
    });
    TurnServer server = turnServer(failingAfterTwoReplies);
    Replies replies = reading();
    StreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        RouteGuideGrpc.newStub(server.channel).routeChat(replies);
    send(requests, 1);
    server.pool.runUntilIdle();

    assertThat(replies.awaitFailure())
        .extracting(failure -> Status.fromThrowable(failure).getCode())
        .isEqualTo(Status.Code.INTERNAL);
    assertThat(replies.receivedSoFar()).containsExactly("first", "second");
  }

  /** The call has posted exactly {@code notes} notes and asks the client for no more. */
  private void assertStalledAfter(long notes, ClientCallStreamObserver<?> requests) {
    assertThat(board.noteCount()).isEqualTo(notes);
    assertThat(requests.isReady()).as("the server asks for no more notes").isFalse();
  }

  private static void send(
      StreamObserver<dev.routeguide.grpc.proto.RouteNote> requests, int count) {
    send(requests, 0, count);
  }

  /** Sends notes {@code from} to {@code to - 1}. */
  private static void send(
      StreamObserver<dev.routeguide.grpc.proto.RouteNote> requests, int from, int to) {
    for (int n = from; n < to; n++) {
      requests.onNext(note(n));
    }
  }

  /** How many replies notes 0 to count - 1 at one location draw, as many as the board keeps. */
  private int repliesToNotesAtOneLocation(int count) {
    int replies = 0;
    for (int n = 0; n < count; n++) {
      replies += Math.min(n, board.limits().maxNotesPerLocation());
    }
    return replies;
  }

  /** The replies to notes 0 to count - 1 at one location: each note draws all before it. */
  private static List<String> everyReply(int count) {
    List<String> expected = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      for (int earlier = 0; earlier < n; earlier++) {
        expected.add(message(earlier));
      }
    }
    return expected;
  }

  /** The notes posted in one turn once the replies held pass {@link RouteChatCall#HELD_BYTES}. */
  private long notesPostedUntilABatchIsFull() {
    return notesPostedUntilTheirRepliesPass(RouteChatCall.HELD_BYTES);
  }

  /**
   * The notes a call posts for a client that reads nothing: every reply is written beyond the
   * call's readiness, and the note whose replies pass the overdraft is the last one posted.
   */
  private long notesPostedUntilTheOverdraftIsSpent() {
    return notesPostedUntilTheirRepliesPass(RouteChatCall.OVERDRAFT_BYTES);
  }

  /** How many notes at one location it takes for their replies to pass {@code bytes}. */
  private long notesPostedUntilTheirRepliesPass(long bytes) {
    return notesPostedUntilTheirRepliesPass(0, bytes);
  }

  /**
   * How many notes at one location, counting the {@code from} posted before, it takes for the
   * replies of those from note {@code from} on to pass {@code bytes}.
   */
  private long notesPostedUntilTheirRepliesPass(int from, long bytes) {
    long replies = 0;
    for (int n = from; n < board.limits().maxNotesPerLocation(); n++) {
      for (int earlier = 0; earlier < n; earlier++) {
        replies += RouteNote.at(HERE, message(earlier)).maxRetainedBytes();
      }
      if (replies > bytes) {
        return n + 1;
      }
    }
    throw new AssertionError(bytes + " bytes outlast a full location; the test needs longer notes");
  }

  /** Our backend, but for RouteChat, whose chats {@code chats} makes. */
  private RouteGuide chattingWith(Function<NoteReceiver, RouteChat> chats) {
    return new ForwardingRouteGuide(backend) {
      @Override
      public RouteChat routeChat(NoteReceiver receiver) {
        return chats.apply(receiver);
      }
    };
  }

  /**
   * Our service on a {@link TurnExecutor} over an executor the test runs by hand, with a direct
   * channel: every step happens inside {@link ManualExecutor#runUntilIdle}.
   */
  private TurnServer turnServer(ServerInterceptor... interceptors) throws IOException {
    return turnServer(backend, interceptors);
  }

  private TurnServer turnServer(RouteGuide service, ServerInterceptor... interceptors)
      throws IOException {
    String name = InProcessServerBuilder.generateName();
    ManualExecutor pool = new ManualExecutor();
    Server server =
        InProcessServerBuilder.forName(name)
            .executor(TurnExecutor.wrapping(pool))
            .addService(
                ServerInterceptors.intercept(new RouteGuideService(service), interceptors))
            .build()
            .start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    resources.add(() -> server.shutdownNow());
    resources.add(() -> channel.shutdownNow());
    return new TurnServer(pool, channel);
  }

  private record TurnServer(ManualExecutor pool, ManagedChannel channel) {}

  /** Makes the transport throw on the n-th message a call sends, as a broken transport may. */
  private static final class FailingReply implements ServerInterceptor {
    private final int failing;

    FailingReply(int failing) {
      this.failing = failing;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      return next.startCall(
          new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            private int sent;

            @Override
            public void sendMessage(R message) {
              if (++sent == failing) {
                throw new IllegalStateException("transport broke at message " + failing);
              }
              super.sendMessage(message);
            }
          },
          headers);
    }
  }

  /** Runs its tasks only when told, on the test's thread. */
  private static final class ManualExecutor implements Executor {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runUntilIdle() {
      for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
        task.run();
      }
    }
  }

  private ManagedChannel readyMadeServer(String transport) throws IOException {
    RouteGuideServer server;
    ManagedChannel channel;
    if (transport.equals("in-process")) {
      String name = InProcessServerBuilder.generateName();
      server = RouteGuideServer.builder(backend).inProcess(name).start();
      channel = RouteGuideChannels.inProcess(name);
    } else {
      server = RouteGuideServer.builder(backend).tcp("127.0.0.1", 0).start();
      channel = RouteGuideChannels.plaintext(server.target());
    }
    resources.add(server);
    resources.add(() -> channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS));
    return channel;
  }

  /**
   * The client's side of one chat: collects the replies' messages and its end; a holding one
   * requests no reply until the test does.
   */
  private Replies reading() {
    return new Replies(false);
  }

  private Replies holding() {
    return new Replies(true);
  }

  private final class Replies
      implements ClientResponseObserver<
          dev.routeguide.grpc.proto.RouteNote, dev.routeguide.grpc.proto.RouteNote> {
    private final boolean holding;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final Queue<Long> boardSizes = new ConcurrentLinkedQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Throwable failure;
    private volatile ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> requests;

    private Replies(boolean holding) {
      this.holding = holding;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> call) {
      requests = call;
      if (holding) {
        call.disableAutoRequestWithInitial(0);
      }
    }

    @Override
    public void onNext(dev.routeguide.grpc.proto.RouteNote reply) {
      boardSizes.add(board.noteCount());
      received.add(reply.getMessage());
    }

    @Override
    public void onError(Throwable t) {
      failure = t;
      ended.countDown();
    }

    @Override
    public void onCompleted() {
      ended.countDown();
    }

    /** Starts the chat on the channel and returns its request side. */
    ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> startOn(ManagedChannel channel) {
      RouteGuideGrpc.newStub(channel).routeChat(this);
      return requests;
    }

    /** The next reply's message, waiting for it up to the timeout (null if none came). */
    String next() throws InterruptedException {
      return received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** How many notes the board held as each reply arrived, in order. */
    List<Long> boardSizeAtEachReply() {
      return List.copyOf(boardSizes);
    }

    List<String> receivedSoFar() {
      return List.copyOf(received);
    }

    /** Waits for the chat to fail and returns its failure. */
    Throwable awaitFailure() throws InterruptedException {
      assertThat(ended.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the chat ended").isTrue();
      return failure;
    }

    /** Waits for the chat to complete and returns the messages not yet taken by {@link #next}. */
    List<String> awaitCompletion() throws InterruptedException {
      assertThat(ended.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the chat ended").isTrue();
      assertThat(failure).as("the chat's failure").isNull();
      return receivedSoFar();
    }
  }

  private static dev.routeguide.grpc.proto.RouteNote note(int n) {
    return ProtoMapper.toProto(RouteNote.at(HERE, message(n)));
  }

  private static String message(int n) {
    return "note " + n;
  }
}
