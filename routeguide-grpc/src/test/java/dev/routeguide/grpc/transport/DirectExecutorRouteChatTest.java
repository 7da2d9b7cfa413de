package dev.routeguide.grpc.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.proto.RouteNote;
import dev.routeguide.grpc.server.RouteGuideService;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sixteen concurrent in-process RouteChats against the ready-made server, with the direct executor
 * on both sides and with gRPC's thread pools on both sides (the two in-process set-ups
 * recommended: a direct server with a pooled client let two threads into one call's serializing
 * executor in a benchmark run, see {@link RouteGuideServerBuilder#directExecutor()}), with the
 * end-to-end benchmark's client (sends while ready, 64 replies requested ahead and topped up by
 * 32): every reply arrives unless the board evicted the note it would have returned, and gRPC
 * never runs two of a call's client callbacks at once (the benchmark's reply counter, a plain
 * field, relies on that).
 */
class DirectExecutorRouteChatTest {

  private static final int SESSIONS = 16;
  /** Notes per chat: two at each of NOTES/2 fresh locations, so NOTES/2 replies. */
  private static final int NOTES = 200;
  private static final int ROUNDS = 4;
  private static final int WINDOW = 64;
  private static final Duration ROUND_LIMIT = Duration.ofSeconds(10);

  private final AtomicLong locations = new AtomicLong();
  private RouteGuideServer server;
  private ManagedChannel channel;
  private ExecutorService sessions;

  @AfterEach
  void shutDown() throws InterruptedException {
    // Everything is released whatever fails; the first failure is reported after.
    boolean sessionsEnded = true;
    boolean channelClosed = true;
    try {
      if (sessions != null) {
        sessions.shutdownNow();
        sessionsEnded = sessions.awaitTermination(10, TimeUnit.SECONDS);
      }
    } finally {
      try {
        if (channel != null) {
          channel.shutdownNow();
          channelClosed = channel.awaitTermination(10, TimeUnit.SECONDS);
        }
      } finally {
        if (server != null) {
          server.close();
        }
      }
    }
    assertThat(sessionsEnded).as("sessions ended").isTrue();
    assertThat(channelClosed).as("channel closed").isTrue();
  }

  @ParameterizedTest(name = "direct executor on both sides: {0}")
  @ValueSource(booleans = {true, false})
  void everyReplyArrivesWhenTheBoardKeepsEveryLocation(boolean direct) throws Exception {
    // 64 times the locations posted: the board splits its cap between at most 64 segments, so
    // each segment's share holds them all, however they hash.
    InMemoryNoteBoard board = boardKeeping(SESSIONS * NOTES / 2 * ROUNDS * 64);
    serve(board, direct);

    List<Chat> chats = chatInRounds();

    assertThat(board.evictedLocationCount()).as("locations evicted").isZero();
    for (Chat chat : chats) {
      assertThat(chat.failure).as("failure").isNull();
      assertThat(chat.overlaps.get()).as("client callbacks overlapping").isZero();
      assertThat(chat.replies.get()).as("replies").isEqualTo(NOTES / 2);
    }
  }

  /**
   * What stopped the end-to-end benchmark at 499 of 500 replies: a board at its location cap
   * evicts the least recently posted-to location (of the new location's segment), so a chat that
   * stalls between the two notes of a pair while the others post the cap's worth of new locations
   * finds its first note gone. The second note then makes its location anew, one eviction more
   * than the fresh locations alone cause: the replies missing are exactly those extra evictions.
   */
  @ParameterizedTest(name = "direct executor on both sides: {0}")
  @ValueSource(booleans = {true, false})
  void repliesMissingAtTheLocationCapAreExactlyTheNotesTheBoardEvictedBetweenAPair(
      boolean direct) throws Exception {
    int cap = NOTES; // well below the NOTES/2 * SESSIONS locations a round posts
    InMemoryNoteBoard board = boardKeeping(cap);
    serve(board, direct);

    List<Chat> chats = chatInRounds();

    long missing = 0;
    for (Chat chat : chats) {
      assertThat(chat.failure).as("failure").isNull();
      assertThat(chat.overlaps.get()).as("client callbacks overlapping").isZero();
      assertThat(chat.replies.get()).as("replies").isBetween(0L, (long) NOTES / 2);
      missing += NOTES / 2 - chat.replies.get();
    }
    // Each fresh location is made once, and once more for each pair that lost its first note;
    // every location made is now held or evicted.
    long evictedBetweenPairs =
        board.evictedLocationCount() + board.locationCount() - locations.get();
    assertThat(missing).as("replies missing").isEqualTo(evictedBetweenPairs);
  }

  private static InMemoryNoteBoard boardKeeping(int locations) {
    return new InMemoryNoteBoard(new NoteBoardLimits(100, locations, 1024, 1L << 30));
  }

  private void serve(InMemoryNoteBoard board, boolean direct) throws IOException {
    String name = InProcessServerBuilder.generateName();
    RouteGuideServerBuilder builder =
        RouteGuideServer.builder(
                new RouteGuideService(
                    new LocalRouteGuide(FeatureCatalogue.empty(), board, Clock.systemUTC())))
            .shutdownGrace(Duration.ZERO);
    if (direct) {
      builder.directExecutor();
    }
    server = builder.inProcess(name).start();
    InProcessChannelBuilder channelBuilder = InProcessChannelBuilder.forName(name);
    if (direct) {
      channelBuilder.directExecutor();
    }
    channel = channelBuilder.build();
  }

  /** Runs {@value #ROUNDS} rounds of {@value #SESSIONS} chats started together. */
  private List<Chat> chatInRounds() throws Exception {
    sessions = Executors.newFixedThreadPool(SESSIONS);
    List<Chat> chats = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Chat>> running = new ArrayList<>();
      for (int s = 0; s < SESSIONS; s++) {
        running.add(
            sessions.submit(
                () -> {
                  go.await();
                  return chat();
                }));
      }
      go.countDown();
      for (Future<Chat> chat : running) {
        chats.add(chat.get(ROUND_LIMIT.toSeconds(), TimeUnit.SECONDS));
      }
    }
    return chats;
  }

  private Chat chat() throws InterruptedException {
    long first = locations.getAndAdd(NOTES / 2);
    Chat chat = new Chat(i -> note(first + i / 2));
    ClientCalls.asyncBidiStreamingCall(
        channel.newCall(RouteGuideGrpc.getRouteChatMethod(), CallOptions.DEFAULT), chat);
    if (!chat.done.await(ROUND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      chat.requests.cancel("test timed out", null);
      throw new AssertionError("chat did not end in " + ROUND_LIMIT);
    }
    return chat;
  }

  private static RouteNote note(long n) {
    return RouteNote.newBuilder()
        .setLocation(
            Point.newBuilder().setLatitude((int) (n % 1_800_000_000L) - 900_000_000))
        .setMessage("note " + n)
        .build();
  }

  /** The benchmark's client, counting replies atomically and callbacks that overlap. */
  private static final class Chat implements ClientResponseObserver<RouteNote, RouteNote> {
    private final LongFunction<RouteNote> notes;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Thread> owner = new AtomicReference<>();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicLong replies = new AtomicLong();
    private volatile ClientCallStreamObserver<RouteNote> requests;
    private volatile Throwable failure;
    private int sent;
    private boolean halfClosed;

    Chat(LongFunction<RouteNote> notes) {
      this.notes = notes;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<RouteNote> requests) {
      this.requests = requests;
      requests.disableAutoRequestWithInitial(WINDOW);
      requests.setOnReadyHandler(() -> inCallback(this::sendWhileReady));
    }

    private void sendWhileReady() {
      while (sent < NOTES && requests.isReady()) {
        requests.onNext(notes.apply(sent++));
      }
      if (sent == NOTES && !halfClosed) {
        halfClosed = true;
        requests.onCompleted();
      }
    }

    @Override
    public void onNext(RouteNote reply) {
      inCallback(
          () -> {
            if (replies.incrementAndGet() % (WINDOW / 2) == 0) {
              requests.request(WINDOW / 2);
            }
          });
    }

    @Override
    public void onError(Throwable t) {
      failure = t;
      done.countDown();
    }

    @Override
    public void onCompleted() {
      done.countDown();
    }

    /** Runs a callback, counting it as an overlap if another thread is in one of this call's. */
    private void inCallback(Runnable callback) {
      // A callback may re-enter on its own thread (a send that draws a reply there): not an
      // overlap. Another thread inside at the same time is.
      Thread me = Thread.currentThread();
      boolean outermost = owner.compareAndSet(null, me);
      if (!outermost && owner.get() != me) {
        overlaps.incrementAndGet();
      }
      try {
        callback.run();
      } finally {
        if (outermost) {
          owner.set(null);
        }
      }
    }
  }
}
