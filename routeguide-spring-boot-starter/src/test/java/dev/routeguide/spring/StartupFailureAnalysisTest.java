package dev.routeguide.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** What an application's operator reads when a routeguide property is bad: Boot's analysis. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureAnalysisTest {

  /** The starter's configuration alone, so that each start-up is quick. */
  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(RouteGuideAutoConfiguration.class)
  static class Application {}

  @Test
  void aNegativeLimitIsReportedWithThePropertyItsValueAndTheReason(CapturedOutput output) {
    assertThatThrownBy(() -> start("routeguide.note-board.max-locations=-5"))
        .isInstanceOf(RuntimeException.class);
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains(
            "Invalid value '-5' for configuration property"
                + " 'routeguide.note-board.max-locations'")
        .contains("maxLocations must be positive, got -5")
        .contains("Review the value of the property");
  }

  @Test
  void anUnreadableDatabaseIsReportedWithThePropertyAndTheLocation(CapturedOutput output) {
    assertThatThrownBy(() -> start("routeguide.feature-database=classpath:no/such/db.json"))
        .isInstanceOf(RuntimeException.class);
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains(
            "Invalid value 'classpath:no/such/db.json' for configuration property"
                + " 'routeguide.feature-database'")
        .contains("cannot read a feature database from it");
  }

  private static void start(String property) {
    new SpringApplicationBuilder(Application.class)
        .web(WebApplicationType.NONE)
        .properties("spring.grpc.server.port=0", "spring.main.banner-mode=off", property)
        .run()
        .close();
  }
}
