package dev.routeguide.spring;

import dev.routeguide.core.features.FeatureDatabase;
import dev.routeguide.core.notes.NoteBoardLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.ClassPathResource;
import java.time.Duration;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * The {@code routeguide.*} properties of the starter: where the features come from and what the
 * note board keeps. Values are checked when the beans that use them are created; a bad one fails
 * start-up with Spring Boot's {@code InvalidConfigurationPropertyValueException}, which names the
 * property.
 *
 * @since 0.2.0
 */
@ConfigurationProperties("routeguide")
public class RouteGuideProperties {

  /** Whether to serve RouteGuide on the application's gRPC server. */
  private boolean enabled = true;

  /**
   * Feature database in the RouteGuide JSON format, as a Spring resource location such as
   * classpath:db.json or file:/srv/db.json. Defaults to the canonical 100-feature database bundled
   * with routeguide-core.
   */
  private Resource featureDatabase = new ClassPathResource(FeatureDatabase.CANONICAL_RESOURCE);

  /**
   * Whether a RouteChat call also receives, while it stays open, the notes other calls post
   * afterwards at the locations it has posted to (RouteGuide's live delivery; off is the
   * tutorial's behaviour). Needs a note board with live delivery, as the in-memory one has.
   */
  private boolean liveChat = false;

  private final NoteBoard noteBoard = new NoteBoard();

  /** Whether RouteGuide is served on the application's gRPC server. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Sets whether RouteGuide is served on the application's gRPC server. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The feature database to read at start-up; never null after binding. */
  public Resource getFeatureDatabase() {
    return featureDatabase;
  }

  /** Sets the feature database to read at start-up. */
  public void setFeatureDatabase(Resource featureDatabase) {
    this.featureDatabase = featureDatabase;
  }

  /** Whether chats receive live notes. */
  public boolean isLiveChat() {
    return liveChat;
  }

  /** Sets whether chats receive live notes. */
  public void setLiveChat(boolean liveChat) {
    this.liveChat = liveChat;
  }

  /** The {@code routeguide.note-board.*} properties. */
  public NoteBoard getNoteBoard() {
    return noteBoard;
  }

  /**
   * The {@code routeguide.note-board.*} properties: the limits of the RouteChat note board (see
   * {@link NoteBoardLimits}).
   *
   * @since 0.2.0
   */
  public static class NoteBoard {

    /**
     * Where notes are kept: in-memory (this process only) or redis (shared by every server on the
     * same Redis; needs routeguide-redis and Spring Boot's Redis support, spring.data.redis.*).
     */
    private Store store = Store.IN_MEMORY;

    private final Redis redis = new Redis();

    // Literals, so that the configuration metadata shows them; a test holds them equal to
    // NoteBoardLimits.DEFAULT.

    /** Notes kept at one location; posting more drops the oldest there. Must be positive. */
    private int maxNotesPerLocation = 100;

    /**
     * Locations kept; a new location beyond this evicts the least recently posted-to location of
     * its segment (the board splits its caps between up to 64 segments), with its notes. Must be
     * positive.
     */
    private int maxLocations = 10_000;

    /** Longest note message accepted, in chars; a longer note is rejected. Must be positive. */
    private int maxMessageLength = 1024;

    /**
     * Heap the kept notes may retain, as the in-memory board counts it; posting beyond it evicts
     * the least recently posted-to locations of the post's segment first. Must hold one note of
     * max-message-length.
     */
    private DataSize maxNoteBytes = DataSize.ofMegabytes(64);

    /** Where notes are kept. */
    public Store getStore() {
      return store;
    }

    /** Sets where notes are kept. */
    public void setStore(Store store) {
      this.store = store;
    }

    /** The {@code routeguide.note-board.redis.*} properties. */
    public Redis getRedis() {
      return redis;
    }

    /** Notes kept at one location. */
    public int getMaxNotesPerLocation() {
      return maxNotesPerLocation;
    }

    /** Sets the notes kept at one location. */
    public void setMaxNotesPerLocation(int maxNotesPerLocation) {
      this.maxNotesPerLocation = maxNotesPerLocation;
    }

    /** Locations kept. */
    public int getMaxLocations() {
      return maxLocations;
    }

    /** Sets the locations kept. */
    public void setMaxLocations(int maxLocations) {
      this.maxLocations = maxLocations;
    }

    /** Longest message accepted, in chars. */
    public int getMaxMessageLength() {
      return maxMessageLength;
    }

    /** Sets the longest message accepted, in chars. */
    public void setMaxMessageLength(int maxMessageLength) {
      this.maxMessageLength = maxMessageLength;
    }

    /** Heap the kept notes may retain. */
    public DataSize getMaxNoteBytes() {
      return maxNoteBytes;
    }

    /** Sets the heap the kept notes may retain (a plain number is bytes; 64MB, 512KB...). */
    public void setMaxNoteBytes(DataSize maxNoteBytes) {
      this.maxNoteBytes = maxNoteBytes;
    }
  }

  /**
   * Where the note board keeps notes.
   *
   * @since 0.2.0
   */
  public enum Store {
    /** An {@code InMemoryNoteBoard}: this process only, bounded by every limit. */
    IN_MEMORY,
    /**
     * A {@code RedisNoteBoard} on Spring Boot's Redis connection: shared by every replica; bounded
     * by the per-location and message limits, the idle expiry and Redis's own maxmemory.
     */
    REDIS
  }

  /**
   * The {@code routeguide.note-board.redis.*} properties: how the Redis note board uses Redis.
   * The connection itself is Spring Boot's ({@code spring.data.redis.*}).
   *
   * @since 0.2.0
   */
  public static class Redis {

    /** Prefix of every key and channel, so that several boards or applications share a Redis. */
    private String keyPrefix = "routeguide:";

    /** How long a location keeps its notes after its latest post. */
    private Duration idleExpiry = Duration.ofHours(24);

    /** The longest any note board call waits for Redis before failing UNAVAILABLE. */
    private Duration commandTimeout = Duration.ofSeconds(2);

    /** Prefix of every key and channel. */
    public String getKeyPrefix() {
      return keyPrefix;
    }

    /** Sets the prefix of every key and channel. */
    public void setKeyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }

    /** How long a location keeps its notes after its latest post. */
    public Duration getIdleExpiry() {
      return idleExpiry;
    }

    /** Sets how long a location keeps its notes after its latest post. */
    public void setIdleExpiry(Duration idleExpiry) {
      this.idleExpiry = idleExpiry;
    }

    /** The longest any call waits for Redis. */
    public Duration getCommandTimeout() {
      return commandTimeout;
    }

    /** Sets the longest any call waits for Redis. */
    public void setCommandTimeout(Duration commandTimeout) {
      this.commandTimeout = commandTimeout;
    }
  }
}
