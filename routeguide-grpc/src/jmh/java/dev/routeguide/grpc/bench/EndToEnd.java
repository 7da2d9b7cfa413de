package dev.routeguide.grpc.bench;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.route.MonotonicClock;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.grpc.server.RouteGuideService;
import dev.routeguide.grpc.proto.Point;
import io.grpc.Channel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One benchmark server and a channel to it, for a trial: the floor (and its one-at-a-time
 * variant), the reference-style service and ours are all registered on it, over the same database, and {@link #service} says which one
 * the benchmark calls. Also holds the requests the benchmarks send.
 */
@State(Scope.Benchmark)
public class EndToEnd {

  /** A 0.0387° square that holds 1,017 of the 1,000,000 random features. */
  static final dev.routeguide.grpc.proto.Rectangle SMALL_BOX = box(404_800_000, -742_700_000,
      387_000, 387_000);

  /** A rectangle that holds the whole catalogue. */
  static final dev.routeguide.grpc.proto.Rectangle WHOLE_WORLD =
      dev.routeguide.grpc.proto.Rectangle.newBuilder()
          .setLo(Point.newBuilder().setLatitude(-900_000_000).setLongitude(-1_800_000_000))
          .setHi(Point.newBuilder().setLatitude(900_000_000).setLongitude(1_800_000_000))
          .build();

  /** Number of distinct GetFeature requests cycled through. */
  static final int LOOKUPS = 1 << 12;

  /** The transport between client and server. */
  @Param
  public Transport transport;

  /** The service called. */
  @Param
  public Service service;

  /** The features served. */
  @Param
  public Database database;

  /**
   * Messages the {@linkplain Service#FLOOR floor} requests ahead on client streams; the report
   * sets the best window measured for the transport ({@code EndToEndReport.floorWindow}).
   */
  @Param("256")
  public int floorWindow;

  /** Where the server runs service code. */
  @Param("DEFAULT")
  public ServerExecutor executor;

  Endpoint endpoint;
  RouteGuideMethods methods;
  /** Our service's note board, the default one that {@code LocalRouteGuide.of} would make. */
  InMemoryNoteBoard board;
  private final AtomicLong locationsHandedOut = new AtomicLong();
  private final AtomicLong repliesMissing = new AtomicLong();
  RouteGuideClient client;
  List<Feature> entries;
  List<Feature> named;
  Point[] lookups;

  /** Starts the server with the three services, and prepares the requests. */
  @Setup(Level.Trial)
  public void start() throws IOException {
    entries = database.entries();
    FeatureCatalogue catalogue = FeatureCatalogue.of(entries);
    named = catalogue.features();
    board = new InMemoryNoteBoard();
    List<dev.routeguide.grpc.proto.Feature> referenceDatabase = new ArrayList<>(entries.size());
    for (Feature feature : entries) {
      referenceDatabase.add(toProto(feature));
    }
    endpoint =
        transport.start(
            List.of(
                Service.FLOOR.methods.bind(new FloorRouteGuide(floorWindow)),
                Service.FLOOR_ONE_AT_A_TIME.methods.bind(new FloorRouteGuide(0)),
                Service.REFERENCE.methods.bind(new ReferenceRouteGuide(referenceDatabase)),
                Service.OURS.methods.bind(
                    new RouteGuideService(
                        new LocalRouteGuide(catalogue, board, MonotonicClock.startingNow())))),
            executor);
    methods = service.methods;
    client = RouteGuideClient.over(channel());
    // Connect now, so that the first warm-up iteration does not pay for it.
    Calls.unary(channel(), Service.FLOOR.methods.getFeature(), Point.getDefaultInstance());

    SplittableRandom random = new SplittableRandom(NewJersey.SEED + 1);
    lookups = new Point[LOOKUPS];
    for (int i = 0; i < LOOKUPS; i++) {
      // Half hits, half (almost surely) misses, like the tutorial client's two lookups.
      lookups[i] =
          toProto(
              i % 2 == 0
                  ? named.get(random.nextInt(named.size())).location()
                  : NewJersey.randomPoint(random));
    }
  }

  /**
   * Stops the server and closes the channel, then fails the trial if RouteChat replies went
   * missing that our board's evictions do not account for (see {@link #chatReplies}).
   */
  @TearDown(Level.Trial)
  public void stop() {
    endpoint.close();
    if (service != Service.OURS) {
      return;
    }
    // Every fresh location handed out is made once, plus once more for each pair whose first note
    // was evicted before its second (that second note makes it anew, and draws no reply); every
    // location made is now either held or evicted.
    long remade =
        board.evictedLocationCount() + board.locationCount() - locationsHandedOut.get();
    if (repliesMissing.get() != remade) {
      throw new IllegalStateException(
          service + " " + transport + " " + executor + ": " + repliesMissing.get()
              + " RouteChat replies missing, but the board evicted the first note of " + remade
              + " pairs before their second: replies were lost");
    }
  }

  /**
   * Hands out {@code count} locations no note was posted to before, in one sequence for all the
   * trial's chats, and returns the index of the first.
   */
  long freshLocations(int count) {
    return locationsHandedOut.getAndAdd(count);
  }

  /**
   * Checks the replies of a chat that posted two notes at each of {@code pairs} fresh locations:
   * one reply a pair. The floor and the reference-style service keep every note, so anything else
   * fails at once. Our board keeps at most {@code NoteBoardLimits.DEFAULT}'s 10,000 locations, in
   * 16 segments of 625, and a full segment evicts its least recently posted-to location: a chat
   * stalled between a pair's two notes while the others post about 10,000 fresh locations (16
   * sessions on 2 cores) finds the first note gone, so a short count is recorded here and matched
   * against the board's evictions when the trial ends.
   *
   * @throws IllegalStateException if the count cannot be right
   */
  void chatReplies(long pairs, long replies) {
    if (replies > pairs || (replies < pairs && service != Service.OURS)) {
      throw new IllegalStateException(
          service + " " + transport + " " + executor + ": expected " + pairs + " RouteChat"
              + " replies, got " + replies);
    }
    repliesMissing.addAndGet(pairs - replies);
  }

  Channel channel() {
    return endpoint.channel();
  }

  /**
   * The library's typed client over the benchmark channel; it calls {@code routeguide.RouteGuide},
   * so only {@link Service#OURS} can be measured with it.
   *
   * @throws IllegalStateException for another service
   */
  RouteGuideClient typedClient() {
    if (service != Service.OURS) {
      throw new IllegalStateException("the typed client only calls OURS, not " + service);
    }
    return client;
  }

  /**
   * The ListFeatures request for a box: the box itself, or for the floor the number of features
   * the real query returns (see {@link FloorRouteGuide#listRequest}).
   */
  dev.routeguide.grpc.proto.Rectangle listRequest(dev.routeguide.grpc.proto.Rectangle box) {
    if (service != Service.FLOOR && service != Service.FLOOR_ONE_AT_A_TIME) {
      return box;
    }
    Rectangle area =
        Rectangle.spanning(
            dev.routeguide.core.geo.Point.ofE7(box.getLo().getLatitude(),
                box.getLo().getLongitude()),
            dev.routeguide.core.geo.Point.ofE7(box.getHi().getLatitude(),
                box.getHi().getLongitude()));
    int count = 0;
    for (Feature feature : named) {
      if (area.contains(feature.location())) {
        count++;
      }
    }
    return FloorRouteGuide.listRequest(count);
  }

  static Point toProto(dev.routeguide.core.geo.Point point) {
    return Point.newBuilder()
        .setLatitude(point.latitudeE7())
        .setLongitude(point.longitudeE7())
        .build();
  }

  static dev.routeguide.grpc.proto.Feature toProto(Feature feature) {
    return dev.routeguide.grpc.proto.Feature.newBuilder()
        .setName(feature.name())
        .setLocation(toProto(feature.location()))
        .build();
  }

  private static dev.routeguide.grpc.proto.Rectangle box(int lat, int lon, int height, int width) {
    return dev.routeguide.grpc.proto.Rectangle.newBuilder()
        .setLo(Point.newBuilder().setLatitude(lat).setLongitude(lon))
        .setHi(Point.newBuilder().setLatitude(lat + height).setLongitude(lon + width))
        .build();
  }
}
