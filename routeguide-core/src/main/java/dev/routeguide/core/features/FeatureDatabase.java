package dev.routeguide.core.features;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.routeguide.core.geo.Point;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads feature databases in the RouteGuide JSON format: an array of {@code {"location":
 * {"latitude": INT, "longitude": INT}, "name": STRING}} entries, or the same array wrapped as
 * grpc-java does, {@code {"feature": [...]}}.
 *
 * <p>The file is parsed as a stream of tokens (Jackson's streaming parser), so reading a million
 * entries never builds a tree of the document. {@code location} and both coordinates are required;
 * a missing {@code name} reads as empty, as in proto3 JSON; unknown fields are skipped. Integers
 * may be written as JSON numbers or as decimal strings (proto3 JSON allows both).
 *
 * @since 0.1.0
 */
public final class FeatureDatabase {

  /** Classpath resource of the canonical 100-feature database from the gRPC examples. */
  public static final String CANONICAL_RESOURCE = "/dev/routeguide/core/features/route_guide_db.json";

  // The caller owns the stream: Jackson would otherwise close it at end of input and on close().
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

  private FeatureDatabase() {}

  /**
   * Reads every entry of a database file, unnamed ones included, in file order.
   *
   * @throws FeatureDatabaseException if the content is malformed; the message names the file
   * @throws IOException if the file cannot be read
   */
  public static List<Feature> read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads every entry from a stream, unnamed ones included, in order. The stream is not closed.
   *
   * @param sourceName how errors name the source, e.g. a file name or URL
   * @throws FeatureDatabaseException if the content is malformed
   * @throws IOException if the stream cannot be read
   */
  public static List<Feature> read(InputStream in, String sourceName) throws IOException {
    List<Feature> features = new ArrayList<>();
    forEach(in, sourceName, features::add);
    return features;
  }

  /**
   * Reads the canonical database bundled with this library (Apache-2.0, from the gRPC examples).
   *
   * @throws UncheckedIOException if the bundled resource is missing or damaged
   */
  public static List<Feature> readCanonical() {
    try (InputStream in = FeatureDatabase.class.getResourceAsStream(CANONICAL_RESOURCE)) {
      if (in == null) {
        throw new IOException("classpath resource " + CANONICAL_RESOURCE + " is missing");
      }
      return read(in, "classpath:" + CANONICAL_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Streams the entries of a database to a consumer one at a time, keeping none of them: for
   * databases too large to hold twice. The stream is not closed.
   *
   * @param sourceName how errors name the source
   * @throws FeatureDatabaseException if the content is malformed; entries before the bad one have
   *     been passed to the consumer
   * @throws IOException if the stream cannot be read
   */
  public static void forEach(InputStream in, String sourceName, Consumer<? super Feature> consumer)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(consumer, "consumer");
    try (JsonParser parser = JSON.createParser(in)) {
      try {
        new Reader(parser, sourceName).readDocument(consumer);
      } catch (JsonProcessingException e) {
        // Malformed JSON, or JSON past Jackson's safety limits (number length, nesting depth),
        // which is no StreamReadException and may carry no location: take the parser's, before
        // closing it.
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        String what =
            e instanceof StreamConstraintsException
                ? "JSON exceeds a parser limit: "
                : "malformed JSON: ";
        throw new FeatureDatabaseException(
            sourceName, at.getLineNr(), at.getColumnNr(), what + e.getOriginalMessage(), e);
      }
    }
  }

  /** One pass over one document. */
  private static final class Reader {
    private final JsonParser parser;
    private final String source;
    private int entry = -1;

    Reader(JsonParser parser, String source) {
      this.parser = parser;
      this.source = source;
    }

    void readDocument(Consumer<? super Feature> consumer) throws IOException {
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_OBJECT) {
        boolean found = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          if (field.equals("feature")) {
            expect(JsonToken.START_ARRAY, "\"feature\" must be an array");
            readEntries(consumer);
            found = true;
          } else {
            parser.skipChildren();
          }
        }
        if (!found) {
          throw fail("expected a top-level array of features or an object with a \"feature\" array");
        }
      } else if (first == JsonToken.START_ARRAY) {
        readEntries(consumer);
      } else {
        throw fail("expected a top-level array of features or an object with a \"feature\" array");
      }
      if (parser.nextToken() != null) {
        throw fail("unexpected content after the feature list");
      }
    }

    private void readEntries(Consumer<? super Feature> consumer) throws IOException {
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        entry++;
        expect(JsonToken.START_OBJECT, "entry " + entry + " must be an object");
        consumer.accept(readEntry());
      }
    }

    private Feature readEntry() throws IOException {
      String name = "";
      Point location = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "name" -> {
            if (value == JsonToken.VALUE_NULL) {
              name = "";
            } else if (value == JsonToken.VALUE_STRING) {
              name = parser.getText();
            } else {
              throw fail("entry " + entry + ": name must be a string, got " + describe(value));
            }
          }
          case "location" -> location = readLocation();
          default -> parser.skipChildren();
        }
      }
      if (location == null) {
        throw fail("entry " + entry + ": missing field location");
      }
      return new Feature(name, location);
    }

    private Point readLocation() throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw fail(
            "entry " + entry + ": location must be an object, got "
                + describe(parser.currentToken()));
      }
      Integer latitude = null;
      Integer longitude = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "latitude" -> latitude = readInt("location.latitude");
          case "longitude" -> longitude = readInt("location.longitude");
          default -> parser.skipChildren();
        }
      }
      if (latitude == null) {
        throw fail("entry " + entry + ": missing field location.latitude");
      }
      if (longitude == null) {
        throw fail("entry " + entry + ": missing field location.longitude");
      }
      try {
        return Point.ofE7(latitude, longitude);
      } catch (IllegalArgumentException e) {
        throw fail("entry " + entry + ": location." + e.getMessage());
      }
    }

    private int readInt(String field) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NUMBER_INT
          && parser.getNumberType() == JsonParser.NumberType.INT) {
        return parser.getIntValue();
      }
      if (token == JsonToken.VALUE_STRING) {
        try {
          return Integer.parseInt(parser.getText());
        } catch (NumberFormatException e) {
          throw fail("entry " + entry + ": " + field + " must be a 32-bit integer, got \""
              + parser.getText() + "\"");
        }
      }
      String got = token == JsonToken.VALUE_NUMBER_INT ? parser.getText() : describe(token);
      throw fail("entry " + entry + ": " + field + " must be a 32-bit integer, got " + got);
    }

    private void expect(JsonToken expected, String message) throws IOException {
      if (parser.currentToken() != expected) {
        throw fail(message + ", got " + describe(parser.currentToken()));
      }
    }

    private FeatureDatabaseException fail(String detail) {
      JsonLocation at = parser.currentTokenLocation();
      return new FeatureDatabaseException(
          source, at.getLineNr(), at.getColumnNr(), detail, null);
    }

    private static String describe(JsonToken token) {
      if (token == null) {
        return "end of input";
      }
      return switch (token) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> token.toString();
      };
    }
  }
}
