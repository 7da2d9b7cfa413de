package dev.routeguide.opentelemetry;

import dev.routeguide.core.RouteGuideObserver;
import dev.routeguide.core.notes.NoteBoardObserver;
import dev.routeguide.core.notes.NoteEviction;
import dev.routeguide.core.notes.NoteRefusal;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
 * Counters are bound to constant attribute sets once, so recording costs one counter update.
 * Thread-safe.
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
  private final LongCounter lookups;
  private final LongCounter featuresStreamed;
  private final LongCounter pointsReceived;
  private final LongUpDownCounter openChats;
  private final LongCounter notesStored;
  private final LongCounter notesRefused;
  private final LongCounter notesEvicted;
  private final LongCounter liveDelivered;
  private final LongCounter liveDropped;
  private final List<ObservableLongGauge> gauges = new ArrayList<>();

  private RouteGuideMetrics(Meter meter) {
    this.meter = meter;
    lookups =
        meter
            .counterBuilder("routeguide.features.lookups")
            .setUnit("{lookup}")
            .setDescription("GetFeature answers, by whether a named feature was found (hit) or not (miss).")
            .build();
    featuresStreamed =
        meter
            .counterBuilder("routeguide.features.streamed")
            .setUnit("{feature}")
            .setDescription("Features handed out by ListFeatures streams, counted when a stream ends.")
            .build();
    pointsReceived =
        meter
            .counterBuilder("routeguide.route.points")
            .setUnit("{point}")
            .setDescription("Points received by RecordRoute calls, counted when a recording ends.")
            .build();
    openChats =
        meter
            .upDownCounterBuilder("routeguide.chats.open")
            .setUnit("{call}")
            .setDescription("RouteChat calls open now.")
            .build();
    notesStored =
        meter
            .counterBuilder("routeguide.notes.stored")
            .setUnit("{note}")
            .setDescription("RouteChat notes stored on the note board.")
            .build();
    notesRefused =
        meter
            .counterBuilder("routeguide.notes.refused")
            .setUnit("{note}")
            .setDescription("RouteChat notes the board refused to store, by reason.")
            .build();
    notesEvicted =
        meter
            .counterBuilder("routeguide.notes.evicted")
            .setUnit("{note}")
            .setDescription("Stored notes removed to keep within a limit or on expiry, by reason.")
            .build();
    liveDelivered =
        meter
            .counterBuilder("routeguide.notes.live.delivered")
            .setUnit("{note}")
            .setDescription("Notes delivered live to other open RouteChat calls.")
            .build();
    liveDropped =
        meter
            .counterBuilder("routeguide.notes.live.dropped")
            .setUnit("{note}")
            .setDescription("Live notes not delivered because a call's live delivery was ended.")
            .build();
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

  /** Stops the gauges registered by {@code observe...}; counters are unaffected. */
  @Override
  public void close() {
    synchronized (gauges) {
      gauges.forEach(ObservableLongGauge::close);
      gauges.clear();
    }
  }

  private RouteGuideMetrics addGauge(ObservableLongGauge gauge) {
    synchronized (gauges) {
      gauges.add(gauge);
    }
    return this;
  }

  @Override
  public void featureLookedUp(boolean named) {
    lookups.add(1, named ? HIT : MISS);
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
    openChats.add(1);
  }

  @Override
  public void chatClosed() {
    openChats.add(-1);
  }

  @Override
  public void noteStored() {
    notesStored.add(1);
  }

  @Override
  public void noteRefused(NoteRefusal reason) {
    notesRefused.add(1, REFUSALS[reason.ordinal()]);
  }

  @Override
  public void notesEvicted(NoteEviction reason, int count) {
    notesEvicted.add(count, EVICTIONS[reason.ordinal()]);
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
