package dev.routeguide.opentelemetry;

import dev.routeguide.core.RouteGuideObserver;
import dev.routeguide.core.notes.NoteBoardObserver;
import dev.routeguide.core.notes.NoteEviction;
import dev.routeguide.core.notes.NoteRefusal;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.api.metrics.ObservableLongUpDownCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * RouteGuide's domain metrics, under the {@code routeguide.} prefix, recorded through the
 * OpenTelemetry API: an observer of a {@link dev.routeguide.core.LocalRouteGuide} and of a note
 * board, whose meters come from the {@link OpenTelemetry} instance the application passes in
 * (nothing global is touched).
 *
 * <pre>{@code
 * RouteGuideMetrics metrics = RouteGuideMetrics.of(openTelemetry);
 * InMemoryNoteBoard board = new InMemoryNoteBoard(NoteBoardLimits.DEFAULT, metrics);
 * metrics.observeLocationsHeld(board::locationCount).observeBytesHeld(board::bytesHeld);
 * LocalRouteGuide guide =
 *     new LocalRouteGuide(catalogue, board, MonotonicClock.startingNow(), metrics);
 * }</pre>
 *
 * <p>The instruments, their units and attributes are listed in the README's "Operating" section.
 * Counts are kept in {@link LongAdder}s that asynchronous OpenTelemetry instruments read at each
 * collection, so recording on a hot path costs one uncontended add; a reason is reported once it
 * has been counted. Thread-safe.
 *
 * @since 0.2.0
 */
public final class RouteGuideMetrics
    implements RouteGuideObserver, NoteBoardObserver, AutoCloseable {

  /** The instrumentation scope the meters are created under. */
  public static final String SCOPE = "dev.routeguide";

  static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
  static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");

  private static final Attributes HIT = Attributes.of(RESULT, "hit");
  private static final Attributes MISS = Attributes.of(RESULT, "miss");
  private static final Attributes[] REFUSALS = reasons(NoteRefusal.values());
  private static final Attributes[] EVICTIONS = reasons(NoteEviction.values());

  private final Meter meter;
  // Counted here and read by asynchronous instruments at each collection: a call's recording is
  // one uncontended add, with no attribute lookup or exemplar sampling on the caller's thread.
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder featuresStreamed = new LongAdder();
  private final LongAdder pointsReceived = new LongAdder();
  private final LongAdder openChats = new LongAdder();
  private final LongAdder notesStored = new LongAdder();
  private final LongAdder[] notesRefused = adders(NoteRefusal.values().length);
  private final LongAdder[] notesEvicted = adders(NoteEviction.values().length);
  private final LongAdder liveDelivered = new LongAdder();
  private final LongAdder liveDropped = new LongAdder();
  /** Stops one registered instrument's callback; guarded by itself. */
  private final List<Runnable> instruments = new ArrayList<>();

  private RouteGuideMetrics(Meter meter) {
    this.meter = meter;
    counter("routeguide.features.lookups", "{lookup}",
        "GetFeature answers, by whether a named feature was found (hit) or not (miss).",
        measurement -> {
          measurement.record(hits.sum(), HIT);
          measurement.record(misses.sum(), MISS);
        });
    counter("routeguide.features.streamed", "{feature}",
        "Features handed out by ListFeatures streams, counted when a stream ends.",
        measurement -> measurement.record(featuresStreamed.sum()));
    counter("routeguide.route.points", "{point}",
        "Points received by RecordRoute calls, counted when a recording ends.",
        measurement -> measurement.record(pointsReceived.sum()));
    ObservableLongUpDownCounter chats =
        meter
            .upDownCounterBuilder("routeguide.chats.open")
            .setUnit("{call}")
            .setDescription("RouteChat calls open now.")
            .buildWithCallback(measurement -> measurement.record(openChats.sum()));
    instruments.add(chats::close);
    counter("routeguide.notes.stored", "{note}",
        "RouteChat notes stored on the note board.",
        measurement -> measurement.record(notesStored.sum()));
    counter("routeguide.notes.refused", "{note}",
        "RouteChat notes the board refused to store, by reason.",
        measurement -> recordByReason(measurement, notesRefused, REFUSALS));
    counter("routeguide.notes.evicted", "{note}",
        "Stored notes removed to keep within a limit or on expiry, by reason.",
        measurement -> recordByReason(measurement, notesEvicted, EVICTIONS));
    counter("routeguide.notes.live.delivered", "{note}",
        "Notes delivered live to other open RouteChat calls.",
        measurement -> measurement.record(liveDelivered.sum()));
    counter("routeguide.notes.live.dropped", "{note}",
        "Live notes not delivered because a call's live delivery was ended.",
        measurement -> measurement.record(liveDropped.sum()));
  }

  private void counter(
      String name, String unit, String description, Consumer<ObservableLongMeasurement> read) {
    ObservableLongCounter counter =
        meter
            .counterBuilder(name)
            .setUnit(unit)
            .setDescription(description)
            .buildWithCallback(read);
    instruments.add(counter::close);
  }

  /** Reports a reason's count once the board has given it at least once. */
  private static void recordByReason(
      ObservableLongMeasurement measurement, LongAdder[] counts, Attributes[] reasons) {
    for (int i = 0; i < counts.length; i++) {
      long count = counts[i].sum();
      if (count > 0) {
        measurement.record(count, reasons[i]);
      }
    }
  }

  private static LongAdder[] adders(int count) {
    LongAdder[] adders = new LongAdder[count];
    for (int i = 0; i < count; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }

  /**
   * Metrics recorded to meters of the given OpenTelemetry instance, under the scope {@value
   * #SCOPE}.
   *
   * @throws NullPointerException if openTelemetry is null
   */
  public static RouteGuideMetrics of(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    return new RouteGuideMetrics(openTelemetry.getMeter(SCOPE));
  }

  /**
   * Also reports, at each collection, how many locations hold notes on a board, as the gauge
   * {@code routeguide.notes.locations}. The supplier is called on the metrics reader's thread and
   * must be cheap and thread-safe. {@link #close()} stops the reporting.
   *
   * @throws NullPointerException if locationsHeld is null
   * @return this
   */
  public RouteGuideMetrics observeLocationsHeld(LongSupplier locationsHeld) {
    Objects.requireNonNull(locationsHeld, "locationsHeld");
    return addGauge(
        meter
            .gaugeBuilder("routeguide.notes.locations")
            .ofLongs()
            .setUnit("{location}")
            .setDescription("Locations holding notes on the board now.")
            .buildWithCallback(gauge -> gauge.record(locationsHeld.getAsLong())));
  }

  /**
   * Also reports, at each collection, how many bytes of notes a board holds (as the board counts
   * them), as the gauge {@code routeguide.notes.bytes}. The supplier is called on the metrics
   * reader's thread and must be cheap and thread-safe. {@link #close()} stops the reporting.
   *
   * @throws NullPointerException if bytesHeld is null
   * @return this
   */
  public RouteGuideMetrics observeBytesHeld(LongSupplier bytesHeld) {
    Objects.requireNonNull(bytesHeld, "bytesHeld");
    return addGauge(
        meter
            .gaugeBuilder("routeguide.notes.bytes")
            .ofLongs()
            .setUnit("By")
            .setDescription("Bytes of notes held by the board now, as the board counts them.")
            .buildWithCallback(gauge -> gauge.record(bytesHeld.getAsLong())));
  }

  /**
   * Stops reporting: the counters and the gauges registered by {@code observe...} leave the
   * meter's next collection. Recording after close is accepted and ignored.
   */
  @Override
  public void close() {
    synchronized (instruments) {
      instruments.forEach(Runnable::run);
      instruments.clear();
    }
  }

  private RouteGuideMetrics addGauge(ObservableLongGauge gauge) {
    synchronized (instruments) {
      instruments.add(gauge::close);
    }
    return this;
  }

  @Override
  public void featureLookedUp(boolean named) {
    (named ? hits : misses).increment();
  }

  @Override
  public void featuresListed(long count) {
    featuresStreamed.add(count);
  }

  @Override
  public void routePointsReceived(long count) {
    pointsReceived.add(count);
  }

  @Override
  public void chatOpened() {
    openChats.increment();
  }

  @Override
  public void chatClosed() {
    openChats.decrement();
  }

  @Override
  public void noteStored() {
    notesStored.increment();
  }

  @Override
  public void noteRefused(NoteRefusal reason) {
    notesRefused[reason.ordinal()].increment();
  }

  @Override
  public void notesEvicted(NoteEviction reason, int count) {
    notesEvicted[reason.ordinal()].add(count);
  }

  @Override
  public void liveNotesDelivered(int count) {
    liveDelivered.add(count);
  }

  @Override
  public void liveNotesDropped(int count) {
    liveDropped.add(count);
  }

  @Override
  public String toString() {
    return "RouteGuideMetrics[" + SCOPE + "]";
  }

  private static Attributes[] reasons(Enum<?>[] values) {
    Attributes[] attributes = new Attributes[values.length];
    for (Enum<?> value : values) {
      attributes[value.ordinal()] =
          Attributes.of(REASON, value.name().toLowerCase(Locale.ROOT));
    }
    return attributes;
  }
}
