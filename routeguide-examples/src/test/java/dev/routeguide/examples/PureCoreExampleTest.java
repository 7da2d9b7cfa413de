package dev.routeguide.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PureCoreExampleTest {

  @Test
  void answersFromTheCanonicalDatabaseWithoutAnyServer() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PureCoreExample.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String output = buffer.toString(StandardCharsets.UTF_8);

    assertThat(output)
        .contains("64 features in the canonical database")
        .contains("Berkshire Valley Management Area Trail, Jefferson, NJ, USA")
        .contains("64 features between 40N 75W and 42N 73W")
        .contains("route: 2 points, 2 features");
  }
}
