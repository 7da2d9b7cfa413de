package dev.routeguide.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the starter's {@code @SpringBootTest}s start: nothing but auto-configuration,
 * as in an application that adds the starter and writes no RouteGuide code.
 */
@SpringBootApplication
class EmbeddingApplication {}
