package dev.routeguide.spring;

import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.opentelemetry.RouteGuideMetrics;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * RouteGuide's domain metrics ({@link RouteGuideMetrics}) recorded to the application's {@link
 * OpenTelemetry} bean: the observer of the auto-configured route guide and in-memory board, plus
 * the gauges of locations and bytes the board holds. Exported however that bean's meter provider
 * is set up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({RouteGuideMetrics.class, OpenTelemetry.class})
@ConditionalOnBean(OpenTelemetry.class)
class RouteGuideMetricsConfiguration {

  /** Where Spring Boot defines its OpenTelemetry bean; RouteGuide's runs after. */
  static final String OPEN_TELEMETRY_AUTO_CONFIGURATION =
      "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration";

  @Bean
  @ConditionalOnMissingBean
  RouteGuideMetrics routeGuideMetrics(OpenTelemetry openTelemetry) {
    return RouteGuideMetrics.of(openTelemetry);
  }

  /**
   * Once every bean exists, reports the in-memory board's locations and bytes (a gauge needs the
   * board).
   */
  @Bean
  SmartInitializingSingleton routeGuideNoteBoardGauge(
      RouteGuideMetrics metrics, ObjectProvider<NoteBoard> board) {
    return () -> {
      if (board.getIfUnique() instanceof InMemoryNoteBoard inMemory) {
        metrics.observeLocationsHeld(inMemory::locationCount).observeBytesHeld(inMemory::bytesHeld);
      }
    };
  }
}
