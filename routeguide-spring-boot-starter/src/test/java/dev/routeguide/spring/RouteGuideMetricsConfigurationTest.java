package dev.routeguide.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.RouteGuideObserver;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.opentelemetry.RouteGuideMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Domain metrics reach the application's OpenTelemetry bean with no code of the application's. */
class RouteGuideMetricsConfigurationTest {

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(RouteGuideAutoConfiguration.class))
          .withBean(
              OpenTelemetry.class,
              () ->
                  OpenTelemetrySdk.builder()
                      .setMeterProvider(
                          SdkMeterProvider.builder().registerMetricReader(reader).build())
                      .build());

  @Test
  void lookupsAndNotesAreCountedOnTheApplicationsMeterProvider() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(RouteGuideMetrics.class);
          RouteGuide guide = context.getBean(RouteGuide.class);
          guide.getFeature(Point.ofE7(409146138, -746188906));
          guide.getFeature(Point.ofE7(0, 0));
          context.getBean(NoteBoard.class).post(RouteNote.at(Point.ofE7(1, 1), "hello"));

          Collection<MetricData> metrics = reader.collectAllMetrics();
          assertThat(sum(metrics, "routeguide.features.lookups")).isEqualTo(2);
          assertThat(sum(metrics, "routeguide.notes.stored")).isEqualTo(1);
          assertThat(gauge(metrics, "routeguide.notes.locations")).isEqualTo(1);
          assertThat(gauge(metrics, "routeguide.notes.bytes"))
              .isEqualTo(((InMemoryNoteBoard) context.getBean(NoteBoard.class)).bytesHeld())
              .isPositive();
        });
  }

  @Test
  void withoutAnOpenTelemetryBeanNothingIsObserved() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RouteGuideAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(RouteGuideObserver.class));
  }

  @Test
  void withoutRouteguideOpentelemetryOnTheClassPathNothingIsObserved() {
    runner
        .withClassLoader(new FilteredClassLoader(RouteGuideMetrics.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(RouteGuideObserver.class);
              context.getBean(RouteGuide.class).getFeature(Point.ofE7(0, 0));
              assertThat(reader.collectAllMetrics()).isEmpty();
            });
  }

  @Test
  void anObserverOfTheApplicationsOwnWins() {
    RouteGuideObserver own = new RouteGuideObserver() {};
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RouteGuideAutoConfiguration.class))
        .withBean(RouteGuideObserver.class, () -> own)
        .run(context -> assertThat(context).getBean(RouteGuideObserver.class).isSameAs(own));
  }

  private static long gauge(Collection<MetricData> metrics, String name) {
    return metrics.stream()
        .filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getLongGaugeData().getPoints().stream())
        .mapToLong(p -> p.getValue())
        .sum();
  }

  private static long sum(Collection<MetricData> metrics, String name) {
    return metrics.stream()
        .filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getLongSumData().getPoints().stream())
        .mapToLong(p -> p.getValue())
        .sum();
  }
}
