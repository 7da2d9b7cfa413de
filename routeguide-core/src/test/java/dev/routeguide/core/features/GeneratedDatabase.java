package dev.routeguide.core.features;

import dev.routeguide.core.geo.Point;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A feature database written on the fly as it is read, so that a test can load millions of entries
 * without holding the document: entry i is the named feature {@link #featureAt(int)}. Counts the
 * bytes handed out, so a test can tell how far the reader had to read.
 */
final class GeneratedDatabase extends InputStream {

  private final int entries;
  private int nextEntry;
  private byte[] chunk = {'['};
  private int position;
  private long bytesRead;
  private boolean closed;

  GeneratedDatabase(int entries) {
    this.entries = entries;
  }

  /** The feature written as entry i. */
  static Feature featureAt(int i) {
    int latitude = (int) ((i * 7_919L) % 1_800_000_001L) - 900_000_000;
    int longitude = (int) ((i * 104_729L) % 3_600_000_001L) - 1_800_000_000;
    return Feature.named("Feature " + i, Point.ofE7(latitude, longitude));
  }

  long bytesRead() {
    return bytesRead;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public int read() {
    if (!fill()) {
      return -1;
    }
    bytesRead++;
    return chunk[position++] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(length, chunk.length - position);
    System.arraycopy(chunk, position, buffer, offset, n);
    position += n;
    bytesRead += n;
    return n;
  }

  @Override
  public void close() {
    closed = true;
  }

  private boolean fill() {
    if (position < chunk.length) {
      return true;
    }
    if (nextEntry > entries) {
      return false;
    }
    String text;
    if (nextEntry == entries) {
      text = "]\n";
    } else {
      Feature feature = featureAt(nextEntry);
      text =
          (nextEntry == 0 ? "" : ",\n")
              + "{\"location\":{\"latitude\":"
              + feature.location().latitudeE7()
              + ",\"longitude\":"
              + feature.location().longitudeE7()
              + "},\"name\":\""
              + feature.name()
              + "\"}";
    }
    nextEntry++;
    chunk = text.getBytes(StandardCharsets.UTF_8);
    position = 0;
    return true;
  }
}
