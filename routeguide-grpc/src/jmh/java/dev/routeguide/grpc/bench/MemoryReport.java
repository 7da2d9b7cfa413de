package dev.routeguide.grpc.bench;

import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.grpc.server.RouteGuideService;
import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.Rectangle;
import dev.routeguide.grpc.proto.RouteNote;
import dev.routeguide.grpc.transport.RouteGuideServer;
import io.grpc.CallOptions;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The memory runs of the end-to-end benchmarks, each part in a JVM of its own with a small heap:
 *
 * <ol>
 *   <li>{@code chat}: 2,000,000 RouteChat notes over 1,000 locations, through {@value #CHATS}
 *       concurrent chats on the in-process transport, with the default {@code NoteBoardLimits}:
 *       every location is at its 100-note cap after the first 100,000 notes and every later
 *       note draws 100 replies, so 95% of the notes are posted at that bound; the heap must stay
 *       below 256 MB, so this part runs with {@code -Xmx256m}.
 *   <li>{@code list}: ListFeatures of the whole 1,000,000-feature catalogue over Netty on
 *       loopback, to a client that reads slowly (it requests {@value #SLOW_READER_BATCH} features
 *       a millisecond): the heap must stay flat, since the server produces only as fast as the
 *       client reads. The reference-style service, which calls {@code onNext} without {@code
 *       isReady()}, is run the same way for contrast.
 * </ol>
 *
 * <p>For each workload it reports the settled heap before, the most any collection left behind
 * during it (the live set, from GC notifications) and the sampled peak in use, garbage included.
 *
 * <p>Usage: {@code MemoryReport [full|quick] [BENCHMARKS.md] [chat|list|all]}; {@code quick} posts
 * 100,000 notes instead of 2,000,000.
 */
public final class MemoryReport {

  static final int SLOW_READER_BATCH = 100;
  static final int CHATS = 4;
  static final int LOCATIONS = 1_000;
  private static final double MB = 1024 * 1024;

  private MemoryReport() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    boolean quick = args.length > 0 && args[0].equals("quick");
    Path markdown = args.length > 1 && !args[1].isEmpty() ? Path.of(args[1]) : null;
    String parts = args.length > 2 ? args[2] : "all";
    long notes = quick ? 100_000 : 2_000_000;

    StringBuilder report = new StringBuilder();
    report.append(ReportFile.environment())
        .append(String.format(Locale.ROOT, " Max heap (-Xmx) %.0f MB.%s%n%n",
            Runtime.getRuntime().maxMemory() / MB, quick ? " QUICK SMOKE TEST." : ""));
    report.append("| workload | service | messages | time | heap before | peak after GC "
        + "| growth | peak in use (incl. garbage) | GCs |\n");
    report.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    // The chats first, on a clean heap; then each ListFeatures service alone on its own server.
    if (!parts.equals("list")) {
      report.append(chat(notes));
    }
    if (!parts.equals("chat")) {
      report.append(slowReaderOfOurs());
      report.append(slowReaderOfReference());
    }

    System.out.println();
    System.out.println(report);
    Path out = Path.of("target", "memory-report-" + parts + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    if (markdown != null && !quick) {
      ReportFile.writeBlock(markdown, "end-to-end memory, " + parts, report.toString());
    }
  }

  private static String slowReaderOfOurs() throws IOException {
    FeatureCatalogue catalogue = FeatureCatalogue.of(Database.RANDOM_1M.entries());
    try (Endpoint endpoint =
        Transport.NETTY.start(List.of(Service.OURS.methods.bind(RouteGuideService.of(catalogue))))) {
      return slowReader(endpoint, Service.OURS);
    }
  }

  private static String slowReaderOfReference() throws IOException {
    List<Feature> referenceDatabase = new ArrayList<>();
    for (dev.routeguide.core.features.Feature feature : Database.RANDOM_1M.entries()) {
      referenceDatabase.add(EndToEnd.toProto(feature));
    }
    try (Endpoint endpoint =
        Transport.NETTY.start(
            List.of(Service.REFERENCE.methods.bind(new ReferenceRouteGuide(referenceDatabase))))) {
      return slowReader(endpoint, Service.REFERENCE);
    }
  }

  /** The chats, on the in-process transport with direct executors on both sides. */
  private static String chat(long notes) throws Exception {
    // Each chat then runs on its own client thread, without hand-offs between threads.
    String name = InProcessServerBuilder.generateName();
    try (Endpoint endpoint =
        new Endpoint(
            RouteGuideServer.builder(RouteGuideService.of(FeatureCatalogue.canonical()))
                .inProcess(name)
                .directExecutor()
                .shutdownGrace(Duration.ZERO)
                .start(),
            InProcessChannelBuilder.forName(name).directExecutor().build())) {
      return chat(endpoint, notes);
    }
  }

  private static String slowReader(Endpoint endpoint, Service service) {
    long before = HeapWatch.settledHeap();
    long start = System.nanoTime();
    SlowReader reader = new SlowReader();
    HeapWatch watch = HeapWatch.start();
    try {
      ClientCalls.asyncServerStreamingCall(
          endpoint.channel().newCall(service.methods.listFeatures(), CallOptions.DEFAULT),
          EndToEnd.WHOLE_WORLD, reader);
      // At most SLOW_READER_BATCH features per millisecond: slower than either server sends.
      while (!reader.done.await(1, TimeUnit.MILLISECONDS)) {
        reader.requests.request(SLOW_READER_BATCH);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      watch.close();
    }
    String outcome = String.format(Locale.ROOT, "%,d features", reader.received);
    if (reader.error != null) {
      outcome += ", then " + reader.error;
    }
    return row("ListFeatures, 1M features, slow reader (Netty)", service, outcome, start, before,
        watch);
  }

  /** Reads only what the main thread requests; counts. */
  private static final class SlowReader implements ClientResponseObserver<Rectangle, Feature> {
    final CountDownLatch done = new CountDownLatch(1);
    volatile ClientCallStreamObserver<Rectangle> requests;
    // Written by the call's callbacks, read after the latch (which orders the two).
    long received;
    Throwable error;

    @Override
    public void beforeStart(ClientCallStreamObserver<Rectangle> requestStream) {
      requestStream.disableAutoRequestWithInitial(0);
      requests = requestStream;
    }

    @Override
    public void onNext(Feature value) {
      received++;
    }

    @Override
    public void onError(Throwable t) {
      error = t;
      done.countDown();
    }

    @Override
    public void onCompleted() {
      done.countDown();
    }
  }

  private static String chat(Endpoint endpoint, long notes) throws Exception {
    long before = HeapWatch.settledHeap();
    long start = System.nanoTime();
    HeapWatch watch = HeapWatch.start();
    ExecutorService chats = Executors.newFixedThreadPool(CHATS);
    long replies = 0;
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int c = 0; c < CHATS; c++) {
        int chat = c;
        int perChat = (int) (notes / CHATS);
        results.add(
            chats.submit(
                () ->
                    Calls.streaming(
                        endpoint.channel(), Service.OURS.methods.routeChat(), perChat,
                        i -> note((long) i * CHATS + chat))));
      }
      for (Future<Long> result : results) {
        replies += result.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a chat failed", e.getCause());
    } finally {
      chats.shutdownNow();
      watch.close();
    }
    String outcome = String.format(Locale.ROOT, "%,d notes, %,d replies", notes, replies);
    return row(String.format(Locale.ROOT, "RouteChat, %,d locations, %d chats (in-process)",
        LOCATIONS, CHATS), Service.OURS, outcome, start, before, watch);
  }

  private static RouteNote note(long n) {
    int location = (int) (n % LOCATIONS);
    return RouteNote.newBuilder()
        .setLocation(Point.newBuilder().setLatitude(400_000_000 + location).setLongitude(-740_000_000))
        .setMessage(RouteChatBenchmark.MESSAGE)
        .build();
  }

  private static String row(String workload, Service service, String outcome, long start,
      long before, HeapWatch watch) {
    double seconds = (System.nanoTime() - start) / 1e9;
    String line = String.format(Locale.ROOT, "| %s | %s | %s | %.1f s | %.0f MB | %.0f MB | %+.0f MB "
            + "| %.0f MB | %d |%n",
        workload, service == Service.OURS ? "ours" : "reference-style", outcome, seconds,
        before / MB, watch.peakAfterGc() / MB, (watch.peakAfterGc() - before) / MB,
        watch.peakUsed() / MB, watch.collections());
    System.out.print(line);
    return line;
  }
}
