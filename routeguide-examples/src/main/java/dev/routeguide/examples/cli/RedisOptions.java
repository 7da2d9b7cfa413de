package dev.routeguide.examples.cli;

import dev.routeguide.core.UnavailableException;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.notes.NoteBoardObserver;
import dev.routeguide.redis.RedisNoteBoard;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** The options that put RouteChat's notes in Redis, shared by every server that uses it. */
final class RedisOptions {

  @Option(
      names = "--redis",
      paramLabel = "URI",
      description = "Keep RouteChat notes in Redis, shared by every server started with the same"
          + " URI and prefix: redis://[user:password@]host[:port][/db], or rediss://... for TLS."
          + " Default: in this process's memory only.")
  String uri;

  @Option(
      names = "--redis-key-prefix",
      paramLabel = "PREFIX",
      description = "With --redis: prefix of every key and channel, so several boards can share"
          + " one Redis. Default: routeguide:")
  String keyPrefix;

  @Option(
      names = "--note-ttl",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "With --redis: how long a location keeps its notes after its latest post,"
          + " e.g. 90s, 30m, 24h, 7d. Default: 24h.")
  Duration noteTtl;

  /** Reports a usage error for options that need --redis or have bad values. */
  void validate(CommandSpec spec) {
    if (uri == null && (keyPrefix != null || noteTtl != null)) {
      throw new ParameterException(spec.commandLine(),
          (keyPrefix != null ? "--redis-key-prefix" : "--note-ttl") + " needs --redis");
    }
    if (keyPrefix != null && keyPrefix.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--redis-key-prefix must not be empty");
    }
  }

  /** Whether notes go to Redis. */
  boolean enabled() {
    return uri != null;
  }

  /**
   * Connects the Redis note board with the given limits, reporting to the observer.
   *
   * @throws IOException naming --redis if the URI is bad or Redis cannot be reached
   */
  RedisNoteBoard connect(NoteBoardLimits limits, NoteBoardObserver observer) throws IOException {
    RedisNoteBoard.Builder builder =
        RedisNoteBoard.builder(uri).limits(limits).observer(observer);
    if (keyPrefix != null) {
      builder.keyPrefix(keyPrefix);
    }
    if (noteTtl != null) {
      builder.idleExpiry(noteTtl);
    }
    try {
      return builder.connect();
    } catch (IllegalArgumentException | UnavailableException e) {
      throw new IOException("--redis: " + e.getMessage().replace('\n', ' '));
    }
  }

  /** Describes where the notes are kept, for the start-up line. */
  static String describe(NoteBoard board) {
    if (board instanceof RedisNoteBoard redis) {
      return "RouteChat notes in " + redis + ", idle expiry " + format(redis.idleExpiry());
    }
    return "RouteChat notes in memory";
  }

  private static String format(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  /** Reads 90s, 30m, 24h, 7d, 250ms or an ISO-8601 duration (PT24H); must be positive. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration duration;
      try {
        duration = parse(value.trim().toLowerCase(Locale.ROOT));
      } catch (DateTimeParseException | NumberFormatException | ArithmeticException
          | IndexOutOfBoundsException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration (e.g. 90s, 30m, 24h, 7d)");
      }
      if (duration.toMillis() < 1) {
        throw new TypeConversionException("'" + value + "' must be at least 1ms");
      }
      return duration;
    }

    private static Duration parse(String value) {
      if (value.startsWith("p")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      switch (value.charAt(value.length() - 1)) {
        case 's':
          return Duration.ofSeconds(amount);
        case 'm':
          return Duration.ofMinutes(amount);
        case 'h':
          return Duration.ofHours(amount);
        case 'd':
          return Duration.ofDays(amount);
        default:
          throw new NumberFormatException(value);
      }
    }
  }
}
