package dev.routeguide.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that serves RouteGuide with no RouteGuide code of its own: the
 * starter's auto-configuration does it all, configured by {@code application.properties}.
 *
 * @since 0.2.0
 */
// tag::spring_boot_application[]
@SpringBootApplication
public class RouteGuideApplication {

  /** Starts the application; it serves until stopped. */
  public static void main(String[] args) {
    SpringApplication.run(RouteGuideApplication.class, args);
  }
}
// end::spring_boot_application[]
