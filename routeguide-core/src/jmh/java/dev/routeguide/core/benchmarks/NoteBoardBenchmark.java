package dev.routeguide.core.benchmarks;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.RouteNote;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * RouteChat's backend alone, the work the end-to-end RouteChat rows add to the floor: pairs of
 * notes posted at locations no note was posted to before, so the board (default limits) sits at
 * its 10,000-location cap and every pair's first note evicts the least recently posted-to
 * location of its segment, and each pair's second note draws the first back. Through {@link
 * LocalRouteGuide#routeChat} (one long chat per thread, as a RouteChat call's server side) with 1
 * and 16 threads, and {@link InMemoryNoteBoard#post} alone. Scores are per note. Part of
 * {@link BenchmarkReport}'s table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NoteBoardBenchmark {

  private static final long LATITUDES = 1_800_000_001L;
  private static final String MESSAGE = "a note of 24 characters.";

  private InMemoryNoteBoard board;
  private LocalRouteGuide routeGuide;
  private final AtomicLong locationsHandedOut = new AtomicLong();

  /** A fresh board per trial, filled to its location cap. */
  @Setup(Level.Trial)
  public void setUp() {
    board = new InMemoryNoteBoard();
    routeGuide = new LocalRouteGuide(FeatureCatalogue.of(List.of()), board, Clock.systemUTC());
    for (int i = 0; i < board.limits().maxLocations(); i++) {
      board.post(note(locationsHandedOut.getAndIncrement()));
    }
  }

  /** One chat per benchmark thread, open for the whole trial. */
  @State(Scope.Thread)
  public static class Chat implements NoteReceiver {
    RouteChat chat;
    long replies;
    private NoteBoardBenchmark benchmark;
    private long next;
    private long end;

    /** Opens the chat. */
    @Setup(Level.Trial)
    public void open(NoteBoardBenchmark benchmark) {
      this.benchmark = benchmark;
      chat = benchmark.routeGuide.routeChat(this);
    }

    /** The next fresh location, taken in blocks of 500 as an end-to-end call takes them. */
    long freshLocation() {
      if (next == end) {
        next = benchmark.locationsHandedOut.getAndAdd(500);
        end = next + 500;
      }
      return next++;
    }

    /** Ends it. */
    @TearDown(Level.Trial)
    public void close() {
      chat.complete();
    }

    @Override
    public void onNote(RouteNote note) {
      replies++;
    }

    @Override
    public void onCompleted() {}

    @Override
    public void onError(Throwable error) {}
  }

  /** A pair of notes at a fresh location through one chat, one thread. */
  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(2)
  public long chatOneThread(Chat chat) {
    return chatPair(chat);
  }

  /** The same with 16 threads, each with its chat, all on the one board. */
  @Benchmark
  @Threads(16)
  @OperationsPerInvocation(2)
  public long chatSixteenThreads(Chat chat) {
    return chatPair(chat);
  }

  /** A pair of notes at a fresh location straight onto the board, one thread. */
  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(2)
  public int postOneThread(Chat chat) {
    long location = chat.freshLocation();
    return board.post(note(location)).size() + board.post(note(location)).size();
  }

  /** The same with 16 threads. */
  @Benchmark
  @Threads(16)
  @OperationsPerInvocation(2)
  public int postSixteenThreads(Chat chat) {
    return postOneThread(chat);
  }

  private long chatPair(Chat chat) {
    long location = chat.freshLocation();
    chat.chat.send(note(location));
    chat.chat.send(note(location));
    return chat.replies;
  }

  private static RouteNote note(long n) {
    int latitude = (int) (n % LATITUDES) - 900_000_000;
    int longitude = (int) ((n / LATITUDES) % 3_600_000_001L - 1_800_000_000L);
    return RouteNote.at(Point.ofE7(latitude, longitude), MESSAGE);
  }
}
