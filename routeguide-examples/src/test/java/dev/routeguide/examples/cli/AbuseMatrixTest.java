package dev.routeguide.examples.cli;

import static dev.routeguide.examples.cli.ServerHeap.mib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureDatabase;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.Rectangle;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.proto.RouteNote;
import dev.routeguide.grpc.proto.RouteSummary;
import dev.routeguide.grpc.transport.RouteGuideChannels;
import dev.routeguide.grpc.transport.TransportLimits;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The abuse matrix: hostile and careless clients against {@code routeguide server} in its own JVM
 * with {@code -Xmx256m}, on loopback. Every case ends by itself, then checks that the server still
 * answers GetFeature on a fresh connection, reports SERVING, and that its heap after a full
 * collection is back near where it started; cases that hit a limit assert the documented status.
 * Each prints one {@code [abuse]} line: what was attempted, what the server did.
 *
 * <p>Run alone: {@code mvn -B -pl routeguide-examples -am verify -Dtest='AbuseMatrixTest'
 * -Dsurefire.failIfNoSpecifiedTests=false}; with {@code -Pabuse} for the heavier scale.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("abuse matrix against the CLI server in -Xmx256m")
class AbuseMatrixTest {

  /** Heap the server may keep beyond its starting point after a case, in bytes. */
  private static final long HEAP_SLACK = 24L * 1024 * 1024;

  /** The bound on GetFeature's p99 latency under abuse, as documented in the README. */
  static final Duration UNARY_P99_BOUND = Duration.ofSeconds(2);

  /** Each background abuser starts a round at most this often during the latency case. */
  private static final Duration ABUSE_ROUND_INTERVAL = Duration.ofMillis(250);

  private static final String CHAT = "routeguide.RouteGuide/RouteChat";
  private static final String LIST = "routeguide.RouteGuide/ListFeatures";

  private static final int HANDSHAKE_TIMEOUT_SECONDS = 2;
  private static final int KEEPALIVE_SECONDS = 1;
  /** Long enough that a busy client's answer to a ping is not mistaken for a vanished peer. */
  private static final int KEEPALIVE_TIMEOUT_SECONDS = 5;
  private static final int CALLS_PER_CONNECTION =
      TransportLimits.DEFAULT.maxConcurrentCallsPerConnection();

  private final Scale scale = Scale.fromSystemProperty();
  private final Feature knownFeature = FeatureDatabase.readCanonical().get(0);
  private ServerProcess server;
  private ServerHeap heap;
  private int port;
  private String target;
  private long baselineHeap;
  private String metricsUrl;

  /** How much abuse: "ci" fits {@code mvn verify}; "full" ({@code -Pabuse}) is heavier. */
  record Scale(String name, int chatStreams, int listStreams, int windowConnections,
      int abandonedStreams, int floodNotes, Duration unaryLoad, int floodPoints) {

    static Scale fromSystemProperty() {
      String name = System.getProperty("abuse.scale", "ci");
      return switch (name) {
        case "ci" ->
            new Scale(name, 2_000, 2_000, 500, 2_000, 30_000, Duration.ofSeconds(5), 60_000);
        case "full" -> new Scale(
            name, 10_000, 10_000, 500, 10_000, 150_000, Duration.ofSeconds(10), 600_000);
        default -> throw new IllegalArgumentException("abuse.scale must be ci or full: " + name);
      };
    }
  }

  @BeforeAll
  void startServer() throws Exception {
    int metricsPort = Scrape.freeLoopbackPort();
    metricsUrl = "http://127.0.0.1:" + metricsPort + "/metrics";
    server =
        ServerProcess.start(
            List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
            "--port", "0",
            "--metrics-port", Integer.toString(metricsPort),
            "--handshake-timeout", Integer.toString(HANDSHAKE_TIMEOUT_SECONDS),
            "--keepalive-time", Integer.toString(KEEPALIVE_SECONDS),
            "--keepalive-timeout", Integer.toString(KEEPALIVE_TIMEOUT_SECONDS));
    target = server.awaitTarget();
    port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
    heap = new ServerHeap(server.pid());
    // warm up: every method once, so that the baseline holds loaded classes and gRPC's pools
    try (Channel channel = new Channel(target)) {
      RouteGuideGrpc.newBlockingStub(channel.channel).withDeadlineAfter(60, TimeUnit.SECONDS)
          .getFeature(Point.newBuilder().setLatitude(knownFeature.location().latitudeE7())
              .setLongitude(knownFeature.location().longitudeE7()).build());
      chatOnce(channel.channel, Point.newBuilder().setLatitude(1).setLongitude(1).build(), "warm");
    }
    baselineHeap = heap.usedAfterGc();
    report("baseline", "server started with -Xmx256m; heap after GC " + mib(baselineHeap));
  }

  @AfterAll
  void stopServer() throws InterruptedException {
    if (server != null) {
      try {
        if (server.isAlive()) {
          assertThat(server.terminate()).isEqualTo(143);
        }
      } finally {
        server.close();
      }
    }
  }

  // ---- the cases, in the order they run ----

  @Test
  @Order(1)
  @Timeout(60)
  void messagesJustUnderEachSizeLimitPassAndJustOverAreRefusedWithTheDocumentedStatus()
      throws Exception {
    int limit = TransportLimits.DEFAULT.maxInboundMessageSize();
    try (Channel channel = new Channel(target)) {
      assertThat(channel.getFeature(paddedPoint(limit)).getLocation().getLatitude()).isEqualTo(7);
      assertThatThrownBy(() -> channel.getFeature(paddedPoint(limit + 1)))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(e.getStatus().getDescription()).contains(Integer.toString(limit));
          });

      int longest = 1024;
      Point at = Point.newBuilder().setLatitude(11).setLongitude(11).build();
      assertThat(chatOnce(channel.channel, at, "ж".repeat(longest)).getCode())
          .isEqualTo(Status.Code.OK);
      Status tooLong = chatOnce(channel.channel, at, "ж".repeat(longest + 1));
      assertThat(tooLong.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(tooLong.getDescription()).contains("1024");

      Metadata.Key<String> padding = Metadata.Key.of("x-padding", Metadata.ASCII_STRING_MARSHALLER);
      Metadata small = new Metadata();
      small.put(padding, "p".repeat(7 * 1024));
      assertThat(channel.getFeature(knownFeature.location(), small).getName())
          .isEqualTo(knownFeature.name());
      Metadata large = new Metadata();
      large.put(padding, "p".repeat(9 * 1024));
      assertThatThrownBy(() -> channel.getFeature(knownFeature.location(), large))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isIn(
                  Status.Code.RESOURCE_EXHAUSTED, Status.Code.INTERNAL));
    }
    assertHealthy("sizes", "a " + limit + "-byte message answered, " + (limit + 1)
        + " RESOURCE_EXHAUSTED; a 1,024-char note accepted, 1,025 INVALID_ARGUMENT;"
        + " 7 KiB of metadata answered, 9 KiB refused");
  }

  @Test
  @Order(2)
  @Timeout(60)
  void connectionsThatSendNothingOrHalfAPrefaceOrStopReadingAreClosed() throws Exception {
    int each = 20;
    List<RawHttp2Connection> silent = new ArrayList<>();
    List<RawHttp2Connection> halfPreface = new ArrayList<>();
    List<RawHttp2Connection> stalled = new ArrayList<>();
    List<Duration> closedAfter = new ArrayList<>();
    long started = System.nanoTime();
    try {
      for (int i = 0; i < each; i++) {
        silent.add(RawHttp2Connection.open(port));
        halfPreface.add(RawHttp2Connection.open(port)
            .write(Arrays.copyOf(RawHttp2Connection.PREFACE, 12)));
        stalled.add(RawHttp2Connection.open(port).handshakeAndAcknowledge(Duration.ofSeconds(10))
            .call(1, LIST, true, worldRectangle().toByteArray()));
      }
      // gRPC closes gracefully: GOAWAY and a ping, then up to 10 s for its answer
      Duration waitAtMost = Duration.ofSeconds(
          HANDSHAKE_TIMEOUT_SECONDS + KEEPALIVE_SECONDS + KEEPALIVE_TIMEOUT_SECONDS + 15);
      for (List<RawHttp2Connection> group : List.of(silent, halfPreface, stalled)) {
        for (RawHttp2Connection connection : group) {
          assertThat(connection.readUntilClosed(waitAtMost).closed())
              .as("closed by the server").isTrue();
        }
        closedAfter.add(Duration.ofNanos(System.nanoTime() - started));
      }
    } finally {
      closeAll(silent, halfPreface, stalled);
    }
    // (slack for a loaded machine: closed within seconds of the timeout, not kept forever)
    assertThat(closedAfter.get(0)).isBetween(
        Duration.ofSeconds(HANDSHAKE_TIMEOUT_SECONDS), Duration.ofSeconds(HANDSHAKE_TIMEOUT_SECONDS + 10));
    assertThat(closedAfter.get(1)).isLessThan(Duration.ofSeconds(HANDSHAKE_TIMEOUT_SECONDS + 10));
    assertThat(closedAfter.get(2)).isBetween(
        Duration.ofSeconds(KEEPALIVE_SECONDS + KEEPALIVE_TIMEOUT_SECONDS),
        Duration.ofSeconds(KEEPALIVE_SECONDS + KEEPALIVE_TIMEOUT_SECONDS + 15));
    assertHealthy("silent connections", each + " silent, " + each + " half-preface and " + each
        + " stalled (never acknowledging pings) connections: closed within "
        + seconds(closedAfter.get(0)) + ", " + seconds(closedAfter.get(1)) + " and "
        + seconds(closedAfter.get(2)) + " (handshake timeout " + HANDSHAKE_TIMEOUT_SECONDS
        + " s; keepalive " + KEEPALIVE_SECONDS + " s + " + KEEPALIVE_TIMEOUT_SECONDS
        + " s, then gRPC's 10 s graceful close)");
  }

  @Test
  @Order(3)
  @Timeout(60)
  void aClientPingingTooFastIsSentGoAwayWhileOthersAreServed() throws Exception {
    RawHttp2Connection.Ending ending;
    try (Channel other = new Channel(target);
        RawHttp2Connection pinger = RawHttp2Connection.open(port).handshake()) {
      other.getFeature(knownFeature.location());
      for (int i = 0; i < 10; i++) {
        try {
          pinger.ping(i);
        } catch (java.net.SocketException serverHungUp) {
          break; // the server sent its GOAWAY and closed before the client ran out of pings
        }
      }
      ending = pinger.readUntilClosed(Duration.ofSeconds(10));
      assertThat(other.getFeature(knownFeature.location()).getName())
          .isEqualTo(knownFeature.name());
    }
    assertToldToCalmDown(ending, "too_many_pings");
    assertHealthy("ping flood", "10 pings at once: GOAWAY ENHANCE_YOUR_CALM too_many_pings and"
        + " closed; a client on another connection answered throughout");
  }

  @Test
  @Order(4)
  @Timeout(120)
  void connectionsFillingTheirFlowControlWindowWithUnaskedNotesPinOnlyTheirWindow()
      throws Exception {
    Point crowded = Point.newBuilder().setLatitude(21).setLongitude(21).build();
    try (Channel channel = new Channel(target)) {
      for (int i = 0; i < 100; i++) {
        chatOnce(channel.channel, crowded, "x".repeat(1000));
      }
    }
    int window = TransportLimits.DEFAULT.flowControlWindow();
    byte[] note = note(crowded, "y".repeat(1000)).toByteArray();
    int notesPerWindow = (65_535 - 200) / (note.length + 14);
    byte[][] notes = new byte[notesPerWindow][];
    Arrays.fill(notes, note);
    List<RawHttp2Connection> connections = new ArrayList<>();
    long held;
    try {
      for (int i = 0; i < scale.windowConnections(); i++) {
        connections.add(RawHttp2Connection.open(port).handshake().call(1, CHAT, false, notes));
      }
      held = heap.usedAfterGc();
    } finally {
      closeAll(connections);
    }
    assertThat(held - baselineHeap)
        .as("heap held by %d connections", scale.windowConnections())
        .isLessThan(128L * 1024 * 1024);
    assertHealthy("flow-control windows", scale.windowConnections() + " connections each sent "
        + notesPerWindow + " unasked 1 KB notes (a " + window + "-byte window's worth) to a"
        + " location with 100 notes, never reading: heap while held "
        + mib(held - baselineHeap) + " above baseline");
  }

  @Test
  @Order(5)
  @Timeout(180)
  void tenThousandOpenChatsAndNeverReadListingsOverAFewConnectionsAreHeldWithinTheLimits()
      throws Exception {
    int chatConnections = (scale.chatStreams() + CALLS_PER_CONNECTION - 1) / CALLS_PER_CONNECTION;
    int listConnections = (scale.listStreams() + CALLS_PER_CONNECTION - 1) / CALLS_PER_CONNECTION;
    Point[] seeded = new Point[10];
    List<Channel> channels = new ArrayList<>();
    String before = Scrape.of(metricsUrl).text();
    long listsBefore = callsStarted(LIST);
    long listsAnsweredBefore = callsEnded(before, LIST, "OK");
    long listsEndedBefore = callsEnded(before, LIST, "");
    try {
      Channel seeding = new Channel(target);
      channels.add(seeding);
      for (int i = 0; i < seeded.length; i++) {
        seeded[i] = Point.newBuilder().setLatitude(31 + i).setLongitude(31).build();
        chatOnce(seeding.channel, seeded[i], "seed");
      }
      CountDownLatch answered = new CountDownLatch(scale.chatStreams());
      List<StreamObserver<RouteNote>> chats = new ArrayList<>();
      List<AtomicInteger> extraReplies = new ArrayList<>();
      List<StreamObserver<RouteNote>> extras = new ArrayList<>();
      for (int c = 0; c < chatConnections; c++) {
        Channel channel = new Channel(target);
        channels.add(channel);
        // a real client: connected, so it knows the server's SETTINGS, before the burst
        channel.getFeature(knownFeature.location());
        RouteGuideGrpc.RouteGuideStub stub = RouteGuideGrpc.newStub(channel.channel);
        int streams = Math.min(CALLS_PER_CONNECTION, scale.chatStreams() - c * CALLS_PER_CONNECTION);
        for (int s = 0; s < streams; s++) {
          AtomicBoolean first = new AtomicBoolean(true);
          StreamObserver<RouteNote> chat = stub.routeChat(replies(() -> {
            if (first.getAndSet(false)) {
              answered.countDown();
            }
          }));
          chat.onNext(note(seeded[s % seeded.length], "hi"));
          chats.add(chat);
        }
        AtomicInteger replies = new AtomicInteger();
        StreamObserver<RouteNote> extra = stub.routeChat(replies(replies::incrementAndGet));
        extra.onNext(note(seeded[0], "beyond the limit"));
        extras.add(extra);
        extraReplies.add(replies);
      }
      List<ClientCall<Rectangle, dev.routeguide.grpc.proto.Feature>> listings = new ArrayList<>();
      for (int c = 0; c < listConnections; c++) {
        Channel channel = new Channel(target);
        channels.add(channel);
        int streams = Math.min(CALLS_PER_CONNECTION, scale.listStreams() - c * CALLS_PER_CONNECTION);
        channel.getFeature(knownFeature.location());
        for (int s = 0; s < streams; s++) {
          ClientCall<Rectangle, dev.routeguide.grpc.proto.Feature> call =
              channel.channel.newCall(RouteGuideGrpc.getListFeaturesMethod(), CallOptions.DEFAULT);
          call.start(new ClientCall.Listener<>() {}, new Metadata());
          call.sendMessage(worldRectangle());
          call.halfClose(); // and never request a message
          listings.add(call);
        }
      }
      assertThat(answered.await(120, TimeUnit.SECONDS))
          .as(() -> answered.getCount() + " chats unanswered; " + serverSays()).isTrue();
      // every listing has reached the server: started, and either still open or answered in full
      awaitCondition(Duration.ofSeconds(60), () -> callsStarted(LIST) - listsBefore
          == scale.listStreams());
      long liveCalls = liveCalls();
      String metrics = Scrape.of(metricsUrl).text();
      long held = heap.usedAfterGc();
      long chatsOpen = sum(metrics, "routeguide_chats_open");
      long listsAnswered = callsEnded(metrics, LIST, "OK") - listsAnsweredBefore;
      long listsOpen = scale.listStreams() - listsAnswered;
      assertThat(chatsOpen).as("RouteChats open on the server").isEqualTo(scale.chatStreams());
      assertThat(callsEnded(metrics, LIST, "") - listsEndedBefore)
          .as("listings that ended other than answered in full").isEqualTo(listsAnswered);
      assertThat(liveCalls).as("server calls live at once")
          .isGreaterThanOrEqualTo(chatsOpen + listsOpen);
      assertThat(extraReplies).allSatisfy(replies -> assertThat(replies.get()).isZero());

      // ending one chat per connection lets that connection's waiting call in
      for (int c = 0; c < chatConnections; c++) {
        chats.remove(c * (CALLS_PER_CONNECTION - 1)).onCompleted();
      }
      awaitCondition(Duration.ofSeconds(60),
          () -> extraReplies.stream().allMatch(replies -> replies.get() > 0));
      chats.forEach(StreamObserver::onCompleted);
      extras.forEach(StreamObserver::onCompleted);
      listings.forEach(call -> call.cancel("done", null));
      report("open streams", scale.chatStreams() + " RouteChats (one note each) on "
          + chatConnections + " connections and " + scale.listStreams() + " never-read whole-world"
          + " ListFeatures on " + listConnections + ": all " + (scale.chatStreams()
          + scale.listStreams()) + " reached the server; " + chatsOpen + " chats and " + listsOpen
          + " listings open at once (" + listsAnswered + " listings written in full into their"
          + " flow-control windows and ended), " + liveCalls + " server calls live, heap "
          + mib(held - baselineHeap) + " above baseline; the call beyond " + CALLS_PER_CONNECTION
          + " per connection waited until one ended");
    } finally {
      channels.forEach(Channel::close);
    }
    awaitNoLiveCalls(Duration.ofSeconds(60));
    assertHealthy("open streams", "all ended, no server call left");
  }

  @Test
  @Order(6)
  @Timeout(120)
  void aConnectionOpeningMoreCallsThanAllowedBeforeAcknowledgingSettingsHoldsOnlyTheLimit()
      throws Exception {
    int attempted = CALLS_PER_CONNECTION + 500;
    long live;
    Map<Integer, Integer> refused;
    // it answers the server's pings (so keepalive keeps it) but never acknowledges SETTINGS
    try (RawHttp2Connection connection =
        RawHttp2Connection.open(port).handshake().answeringPings()) {
      // HEADERS only: DATA on a stream the server refused is a connection error to Netty (GOAWAY
      // PROTOCOL_ERROR "Stream N does not exist"), which would end the calls within the limit too
      for (int s = 0; s < attempted; s++) {
        connection.call(1 + 2 * s, CHAT, false);
      }
      awaitCondition(Duration.ofSeconds(30),
          () -> connection.resetStreams().size() >= attempted - CALLS_PER_CONNECTION,
          () -> connection.resetStreams().size() + " streams reset, codes "
              + new java.util.TreeSet<>(connection.resetStreams().values()) + ", "
              + connection.endedCalls().size() + " calls ended; connection "
              + (connection.isOpen() ? "open" : "closed: " + endingOf(connection)));
      live = liveCalls();
      refused = connection.resetStreams();
      connection.abandon();
    }
    assertThat(live).isEqualTo(CALLS_PER_CONNECTION);
    assertThat(refused.values()).containsOnly(RawHttp2Connection.REFUSED_STREAM);
    awaitNoLiveCalls(Duration.ofSeconds(60));
    assertHealthy("calls beyond the limit", attempted + " RouteChats opened at once on one"
        + " connection that never acknowledged SETTINGS (answering pings): " + live
        + " held at once, the other " + refused.size() + " refused (RST_STREAM REFUSED_STREAM)"
        + " before they became calls");
  }

  @Test
  @Order(7)
  @Timeout(60)
  void aClientResettingStreamsInATightLoopIsSentGoAwayWhileOthersAreServed() throws Exception {
    int limit = TransportLimits.DEFAULT.maxRstFramesPerWindow();
    int sent = 0;
    RawHttp2Connection.Ending ending;
    try (Channel other = new Channel(target);
        RawHttp2Connection resetter = RawHttp2Connection.open(port)
            .handshakeAndAcknowledge(Duration.ofSeconds(10)).answeringPings()) {
      other.getFeature(knownFeature.location());
      try {
        for (int s = 0; s < 2 * limit; s++) {
          resetter.call(1 + 2 * s, CHAT, false).reset(1 + 2 * s);
          sent++;
        }
      } catch (java.net.SocketException serverHungUp) {
        // the server sent its GOAWAY and closed before the client ran out of streams
      }
      ending = resetter.readUntilClosed(Duration.ofSeconds(20));
      assertThat(other.getFeature(knownFeature.location()).getName())
          .isEqualTo(knownFeature.name());
    }
    assertToldToCalmDown(ending, "too_many_rststreams");
    awaitNoLiveCalls(Duration.ofSeconds(60));
    assertHealthy("rapid reset", sent + " RouteChats opened and reset at once on one connection"
        + " (limit " + limit + " resets per " + seconds(TransportLimits.DEFAULT.rstFramesWindow())
        + "): GOAWAY ENHANCE_YOUR_CALM too_many_rststreams and closed; a client on another"
        + " connection answered throughout");
  }

  @Test
  @Order(8)
  @Timeout(120)
  void streamsAbandonedWithoutCancelLeaveNoCallState() throws Exception {
    Point at = Point.newBuilder().setLatitude(41).setLongitude(41).build();
    byte[] note = note(at, "abandoned").toByteArray();
    int connections = (scale.abandonedStreams() + CALLS_PER_CONNECTION - 1) / CALLS_PER_CONNECTION;
    int opened = 0;
    for (int c = 0; c < connections; c++) {
      try (RawHttp2Connection connection = RawHttp2Connection.open(port).handshake()) {
        int streams = Math.min(CALLS_PER_CONNECTION, scale.abandonedStreams() - opened);
        for (int s = 0; s < streams; s++) {
          connection.call(1 + 2 * s, CHAT, false, note);
        }
        opened += streams;
        connection.abandon();
      }
    }
    long started = System.nanoTime();
    awaitNoLiveCalls(Duration.ofSeconds(60));
    assertHealthy("abandoned streams", opened + " RouteChats opened on " + connections
        + " connections, each dropped with a TCP reset (no RST_STREAM, no GOAWAY): no server call"
        + " left after " + seconds(Duration.ofNanos(System.nanoTime() - started)));
  }

  @Test
  @Order(9)
  @Timeout(180)
  void unaryCallsKeepTheirP99UnderTheBoundWhileOthersAbuseTheServer() throws Exception {
    int threads = 64;
    // one connection, established before the abuse starts (a busy server may not finish a new
    // connection's handshake within this matrix's 2 s handshake timeout)
    Channel unary = new Channel(target);
    unary.getFeature(knownFeature.location());
    Duration alone = Duration.ofSeconds(2);
    Latencies quiet = unaryLatencies(unary, threads, alone);
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService abusers = Executors.newFixedThreadPool(3);
    AtomicLong abuseRounds = new AtomicLong();
    List<Future<?>> abuse = new ArrayList<>();
    Latencies abused;
    try {
      abuse.add(abusers.submit(() -> abuseUntil(stop, abuseRounds, this::pingFloodOnce)));
      abuse.add(abusers.submit(() -> abuseUntil(stop, abuseRounds, this::abandonStreamsOnce)));
      abuse.add(abusers.submit(() -> abuseUntil(stop, abuseRounds, this::fillWindowsOnce)));
      abused = unaryLatencies(unary, threads, scale.unaryLoad());
    } finally {
      stop.set(true);
      abusers.shutdown();
      unary.close();
    }
    for (Future<?> f : abuse) {
      f.get(60, TimeUnit.SECONDS);
    }
    report("unary p99", threads + " threads of GetFeature on one connection: alone for "
        + seconds(alone) + " "
        + quiet + "; for " + seconds(scale.unaryLoad()) + " beside " + abuseRounds.get()
        + " rounds of ping floods, abandoned streams and window fills " + abused + " (bound "
        + UNARY_P99_BOUND.toMillis() + " ms)");
    assertThat(abused.failures()).isZero();
    assertThat(abused.p99()).isLessThan(UNARY_P99_BOUND);
    awaitNoLiveCalls(Duration.ofSeconds(60));
    assertHealthy("unary p99", "abuse stopped");
  }

  /** Latencies of a run of unary calls. */
  record Latencies(int calls, int failures, Duration p50, Duration p99) {
    @Override
    public String toString() {
      return calls + " calls, " + failures + " failed, p50 " + p50.toMillis() + " ms, p99 "
          + p99.toMillis() + " ms";
    }
  }

  /** GetFeature from this many threads over the channel's one connection for this long. */
  private Latencies unaryLatencies(Channel channel, int threads, Duration duration)
      throws Exception {
    AtomicInteger failures = new AtomicInteger();
    List<long[]> latencies = new ArrayList<>();
    {
      ExecutorService callers = Executors.newFixedThreadPool(threads);
      try {
        long end = System.nanoTime() + duration.toNanos();
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          results.add(callers.submit(() -> {
            long[] samples = new long[1 << 16];
            int n = 0;
            while (System.nanoTime() < end && n < samples.length) {
              long start = System.nanoTime();
              try {
                channel.getFeature(knownFeature.location());
              } catch (StatusRuntimeException e) {
                failures.incrementAndGet();
              }
              samples[n++] = System.nanoTime() - start;
            }
            return Arrays.copyOf(samples, n);
          }));
        }
        for (Future<long[]> result : results) {
          latencies.add(result.get(duration.toSeconds() + 60, TimeUnit.SECONDS));
        }
      } finally {
        callers.shutdown();
      }
    }
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Latencies(all.length, failures.get(), Duration.ofNanos(all[all.length / 2]),
        Duration.ofNanos(all[(int) (all.length * 0.99)]));
  }

  // Last: it leaves the board full of notes, which a later case's heap check would count.
  @Test
  @Order(11)
  @Timeout(300)
  void aNoteFloodMaximisingRetainedBytesStaysWithinTheHeap() throws Exception {
    int streams = 16;
    int locations = 10_000;
    NoteFlood.Result flood;
    try (Channel channel = new Channel(target)) {
      flood = NoteFlood.run(channel.channel, streams, scale.floodNotes(), locations,
          "ж".repeat(1024), Duration.ofSeconds(240));
    }
    long retained = heap.usedAfterGc();
    assertThat(flood.failedStreams()).as(this::serverSays).isZero();
    assertThat(retained).as("heap after the flood").isLessThan(200L * 1024 * 1024);
    report("note flood", flood.sent() + " notes of 1,024 non-Latin-1 chars over " + locations
        + " locations on " + streams + " streams in " + seconds(flood.took())
        + ": heap after GC " + mib(retained) + " (the board's byte cap holds)");
    assertServes("note flood");
  }

  @Test
  @Order(10)
  @Timeout(300)
  void routesOfTheLargestPointsStreamedAsFastAsAllowedAreReadWithinTheHeapAndCountedInFull()
      throws Exception {
    Point largest = paddedPoint(TransportLimits.DEFAULT.maxInboundMessageSize());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong sent = new AtomicLong();
    List<FloodingRoute> routes = new ArrayList<>();
    long heldDuring;
    try (Channel channel = new Channel(target)) {
      for (int i = 0; i < CALLS_PER_CONNECTION; i++) {
        FloodingRoute route = new FloodingRoute(largest, stop, sent);
        routes.add(route);
        RouteGuideGrpc.newStub(channel.channel).withDeadlineAfter(240, TimeUnit.SECONDS)
            .recordRoute(route);
      }
      awaitCondition(Duration.ofSeconds(200), () -> sent.get() >= scale.floodPoints(),
          () -> sent.get() + " points sent");
      // The heap only: points deframed ahead of their handler wait in Netty's direct buffers,
      // which this cannot see (the window bounds them: 256 points a call).
      heldDuring = heap.usedAfterGc();
      stop.set(true);
      routes.forEach(FloodingRoute::finish);
      for (FloodingRoute route : routes) {
        assertThat(route.summary.get(60, TimeUnit.SECONDS).getPointCount())
            .as("points the server counted on one route")
            .isEqualTo(route.sent());
      }
    }
    assertThat(heldDuring - baselineHeap)
        .as("heap held while %d routes stream", CALLS_PER_CONNECTION)
        .isLessThan(128L * 1024 * 1024);
    assertHealthy("route flood", CALLS_PER_CONNECTION + " RecordRoutes on one connection sent "
        + sent.get() + " points of " + largest.getSerializedSize() + " bytes (the size limit) as"
        + " fast as flow control let them: heap while streaming " + mib(heldDuring - baselineHeap)
        + " above baseline; every route's summary counted every point it sent");
  }

  private static String endingOf(RawHttp2Connection connection) {
    try {
      return connection.readUntilClosed(Duration.ofSeconds(1)).toString();
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** The server sent GOAWAY ENHANCE_YOUR_CALM with this reason, then closed the connection. */
  private static void assertToldToCalmDown(RawHttp2Connection.Ending ending, String reason) {
    assertThat(ending.wentAway()).as("GOAWAY sent").isTrue();
    assertThat(ending.goAwayErrorCode()).isEqualTo(RawHttp2Connection.ENHANCE_YOUR_CALM);
    assertThat(ending.goAwayDebug()).isEqualTo(reason);
    assertThat(ending.closed()).as("connection closed").isTrue();
  }

  // ---- health ----

  private void assertHealthy(String label, String outcome) throws Exception {
    assertServes(label);
    long after = heap.usedAfterGc();
    report(label, outcome + "; then GetFeature and health SERVING, heap after GC " + mib(after)
        + " (baseline " + mib(baselineHeap) + ")");
    assertThat(after).as("heap after GC following " + label)
        .isLessThan(baselineHeap + HEAP_SLACK);
  }

  private void assertServes(String label) {
    assertThat(server.isAlive()).as(() -> "server alive after " + label + "; " + serverSays())
        .isTrue();
    try (Channel fresh = new Channel(target)) {
      assertThat(fresh.getFeature(knownFeature.location()).getName())
          .isEqualTo(knownFeature.name());
      assertThat(
              HealthGrpc.newBlockingStub(fresh.channel)
                  .withDeadlineAfter(5, TimeUnit.SECONDS)
                  .check(HealthCheckRequest.getDefaultInstance())
                  .getStatus())
          .isEqualTo(ServingStatus.SERVING);
    }
  }

  /** The end of what the server printed, for failure messages. */
  private String serverSays() {
    String output = server.output();
    return (server.isAlive() ? "server running" : "server exited") + ", output ends:\n"
        + output.substring(Math.max(0, output.length() - 4000));
  }

  /** Calls of this method the server has started, from its metrics endpoint. */
  private long callsStarted(String method) {
    try {
      return sum(Scrape.of(metricsUrl).text(), "grpc_server_call_started_total",
          "grpc_method=\"" + method + "\"");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Calls of this method that ended with this status ("" for any), from scraped metrics. */
  private static long callsEnded(String metrics, String method, String status) {
    return sum(metrics, "grpc_server_call_duration_seconds_count",
        "grpc_method=\"" + method + "\"", status.isEmpty() ? "" : "grpc_status=\"" + status + "\"");
  }

  /** The sum of the samples of this metric whose labels include all of these; 0 if none. */
  private static long sum(String metrics, String metric, String... labels) {
    java.util.regex.Matcher sample = java.util.regex.Pattern.compile(
        "^" + java.util.regex.Pattern.quote(metric) + "(\\{[^}]*})? (\\S+)$",
        java.util.regex.Pattern.MULTILINE).matcher(metrics);
    long total = 0;
    while (sample.find()) {
      String labelSet = sample.group(1) == null ? "" : sample.group(1);
      if (Arrays.stream(labels).allMatch(label -> label.isEmpty() || labelSet.contains(label))) {
        total += (long) Double.parseDouble(sample.group(2));
      }
    }
    return total;
  }

  /** Server calls the server's heap holds (a full collection first). */
  private long liveCalls() {
    try {
      return heap.liveInstances("io.grpc.internal.ServerCallImpl");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitNoLiveCalls(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long live;
    while ((live = liveCalls()) > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(live + " server calls still live after " + timeout);
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  /** Polls the condition until it holds, failing if it does not within the timeout. */
  static void awaitCondition(Duration timeout, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    awaitCondition(timeout, done, () -> "");
  }

  /** As {@link #awaitCondition(Duration, java.util.function.BooleanSupplier)}, saying what is. */
  static void awaitCondition(Duration timeout, java.util.function.BooleanSupplier done,
      java.util.function.Supplier<String> state) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout + "; " + state.get());
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  // ---- background abuse for the latency case ----

  private interface AbuseRound {
    void run() throws Exception;
  }

  /** Runs rounds of abuse, at most one every {@link #ABUSE_ROUND_INTERVAL}, until stopped. */
  private static Void abuseUntil(AtomicBoolean stop, AtomicLong rounds, AbuseRound round)
      throws Exception {
    while (!stop.get()) {
      long next = System.nanoTime() + ABUSE_ROUND_INTERVAL.toNanos();
      round.run();
      rounds.incrementAndGet();
      long pause = next - System.nanoTime();
      if (pause > 0) {
        TimeUnit.NANOSECONDS.sleep(pause); // pacing: the rate of abuse, not a condition
      }
    }
    return null;
  }

  private void pingFloodOnce() throws IOException {
    try (RawHttp2Connection pinger = RawHttp2Connection.open(port).handshake()) {
      for (int i = 0; i < 10; i++) {
        try {
          pinger.ping(i);
        } catch (java.net.SocketException serverHungUp) {
          break; // the server sent its GOAWAY and closed before the client ran out of pings
        }
      }
      pinger.readUntilClosed(Duration.ofSeconds(10)); // the ping-flood case checks the GOAWAY
    }
  }

  private void abandonStreamsOnce() throws IOException {
    byte[] note = note(Point.newBuilder().setLatitude(51).setLongitude(51).build(), "gone")
        .toByteArray();
    try (RawHttp2Connection connection = RawHttp2Connection.open(port).handshake()) {
      for (int s = 0; s < 500; s++) {
        connection.call(1 + 2 * s, CHAT, false, note);
      }
      connection.abandon();
    }
  }

  private void fillWindowsOnce() throws IOException {
    byte[] note = note(Point.newBuilder().setLatitude(21).setLongitude(21).build(),
        "z".repeat(1000)).toByteArray();
    byte[][] notes = new byte[60][];
    Arrays.fill(notes, note);
    List<RawHttp2Connection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        connections.add(RawHttp2Connection.open(port).handshake().call(1, CHAT, false, notes));
      }
    } finally {
      closeAll(connections);
    }
  }

  // ---- messages and calls ----

  /** Posts one note on a call of its own, half-closes, and returns the status it ended with. */
  private static Status chatOnce(ManagedChannel channel, Point at, String message)
      throws Exception {
    CompletableFuture<Status> status = new CompletableFuture<>();
    StreamObserver<RouteNote> chat =
        RouteGuideGrpc.newStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
            .routeChat(new StreamObserver<>() {
              @Override
              public void onNext(RouteNote value) {}

              @Override
              public void onError(Throwable t) {
                status.complete(Status.fromThrowable(t));
              }

              @Override
              public void onCompleted() {
                status.complete(Status.OK);
              }
            });
    chat.onNext(note(at, message));
    chat.onCompleted();
    return status.get(15, TimeUnit.SECONDS);
  }

  private static StreamObserver<RouteNote> replies(Runnable onReply) {
    return new StreamObserver<>() {
      @Override
      public void onNext(RouteNote value) {
        onReply.run();
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }

  private static RouteNote note(Point at, String message) {
    return RouteNote.newBuilder().setLocation(at).setMessage(message).build();
  }

  private static Rectangle worldRectangle() {
    return Rectangle.newBuilder()
        .setLo(Point.newBuilder().setLatitude(-900_000_000).setLongitude(-1_800_000_000))
        .setHi(Point.newBuilder().setLatitude(900_000_000).setLongitude(1_800_000_000))
        .build();
  }

  /** The point (7, 7) padded with an unknown field to exactly this many serialised bytes. */
  private static Point paddedPoint(int bytes) {
    Point bare = Point.newBuilder().setLatitude(7).setLongitude(7).build();
    int padding = bytes - bare.getSerializedSize() - 2; // the field's tag takes 2 bytes
    padding -= com.google.protobuf.CodedOutputStream.computeUInt32SizeNoTag(padding);
    Point padded = bare.toBuilder()
        .setUnknownFields(UnknownFieldSet.newBuilder()
            .addField(1000, UnknownFieldSet.Field.newBuilder()
                .addLengthDelimited(ByteString.copyFrom(new byte[padding])).build())
            .build())
        .build();
    assertThat(padded.getSerializedSize()).isEqualTo(bytes);
    return padded;
  }

  @SafeVarargs
  private static void closeAll(List<RawHttp2Connection>... groups) throws IOException {
    for (List<RawHttp2Connection> group : groups) {
      for (RawHttp2Connection connection : group) {
        connection.close();
      }
    }
  }

  private static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }

  private static void report(String label, String outcome) {
    System.out.println("[abuse] " + label + ": " + outcome);
  }

  /**
   * One RecordRoute that sends its point whenever the call is ready until told to stop, then
   * half-closes; its summary completes {@link #summary}. Its sends are serialized on itself.
   */
  private static final class FloodingRoute implements ClientResponseObserver<Point, RouteSummary> {
    final CompletableFuture<RouteSummary> summary = new CompletableFuture<>();
    private final Point point;
    private final AtomicBoolean stop;
    private final AtomicLong sentByAll;
    private ClientCallStreamObserver<Point> requests;
    private long sent; // guarded by this
    private boolean halfClosed; // guarded by this

    FloodingRoute(Point point, AtomicBoolean stop, AtomicLong sentByAll) {
      this.point = point;
      this.stop = stop;
      this.sentByAll = sentByAll;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Point> requests) {
      this.requests = requests;
      requests.setOnReadyHandler(this::sendWhileReady);
    }

    private synchronized void sendWhileReady() {
      while (!halfClosed && !stop.get() && requests.isReady()) {
        requests.onNext(point);
        sent++;
        sentByAll.incrementAndGet();
      }
    }

    synchronized void finish() {
      if (!halfClosed) {
        halfClosed = true;
        requests.onCompleted();
      }
    }

    synchronized long sent() {
      return sent;
    }

    @Override
    public void onNext(RouteSummary value) {
      summary.complete(value);
    }

    @Override
    public void onError(Throwable t) {
      summary.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      summary.completeExceptionally(new AssertionError("completed without a summary"));
    }
  }

  /** A plaintext channel of its own (so its own connection), closed at once when done. */
  private static final class Channel implements AutoCloseable {
    final ManagedChannel channel;

    Channel(String target) {
      this.channel = RouteGuideChannels.plaintext(target);
    }

    dev.routeguide.grpc.proto.Feature getFeature(dev.routeguide.core.geo.Point at) {
      return getFeature(Point.newBuilder().setLatitude(at.latitudeE7())
          .setLongitude(at.longitudeE7()).build());
    }

    dev.routeguide.grpc.proto.Feature getFeature(Point at) {
      return RouteGuideGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
          .getFeature(at);
    }

    dev.routeguide.grpc.proto.Feature getFeature(dev.routeguide.core.geo.Point at,
        Metadata headers) {
      return RouteGuideGrpc.newBlockingStub(channel)
          .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers))
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .getFeature(Point.newBuilder().setLatitude(at.latitudeE7())
              .setLongitude(at.longitudeE7()).build());
    }

    @Override
    public void close() {
      channel.shutdownNow();
      try {
        channel.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
