package dev.routeguide.spring;

import dev.routeguide.core.features.FeatureDatabase;
import dev.routeguide.core.notes.NoteBoardLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

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

    // Literals, so that the configuration metadata shows them; a test holds them equal to
    // NoteBoardLimits.DEFAULT.

    /** Notes kept at one location; posting more drops the oldest there. Must be positive. */
    private int maxNotesPerLocation = 100;

    /**
     * Locations kept; a new location beyond this evicts the least recently posted to, with its
     * notes. Must be positive.
     */
    private int maxLocations = 10_000;

    /** Longest note message accepted, in chars; a longer note is rejected. Must be positive. */
    private int maxMessageLength = 1024;

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
  }
}
