package dev.routeguide.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's code snippets are copies of tagged regions of the example sources ({@code //
 * tag::NAME[]} to {@code // end::NAME[]}), so they compile because the examples do. This test
 * fails when a region and its README copy drift apart.
 */
class ReadmeSnippetsTest {

  private static final Pattern TAG = Pattern.compile("^\\s*// tag::([\\w-]+)\\[\\]\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// end::([\\w-]+)\\[\\]\\s*$");

  @Test
  void everyTaggedRegionAppearsVerbatimInTheReadme() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Map<String, String> regions = taggedRegions();

    assertThat(regions)
        .containsKeys(
            "core",
            "serve",
            "embedding",
            "client",
            "testing",
            "spring_boot_application",
            "spring_boot_override",
            "spring_boot_testing");
    regions.forEach(
        (name, code) ->
            assertThat(readme)
                .as("README copy of the '%s' region of the example sources", name)
                .contains(code));
  }

  private static Map<String, String> taggedRegions() throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
    List<Path> sources;
    // This module's sources, and the Spring Boot modules' (built after this one, read as files).
    try (Stream<Path> files =
        Stream.of(
                "src/main/java",
                "src/test/java",
                "../routeguide-spring-boot-starter/src/test/java",
                "../routeguide-spring-boot-example/src/main/java")
            .map(Path::of)
            .flatMap(ReadmeSnippetsTest::walk)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
    for (Path source : sources) {
      String name = null;
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(source)) {
        Matcher tag = TAG.matcher(line);
        Matcher end = END.matcher(line);
        if (tag.matches()) {
          name = tag.group(1);
          lines.clear();
        } else if (end.matches() && name != null) {
          regions.put(name, dedent(lines));
          name = null;
        } else if (name != null) {
          lines.add(line);
        }
      }
    }
    return regions;
  }

  private static Stream<Path> walk(Path directory) {
    try {
      return Files.walk(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String dedent(List<String> lines) {
    int indent =
        lines.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    return lines.stream()
        .map(line -> line.isBlank() ? "" : line.substring(indent))
        .collect(Collectors.joining("\n"));
  }
}
