package dev.routeguide.core.features;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Feature names as UTF-8 in a few large byte arrays ("pages"), one int offset per name: the
 * catalogue's name storage. A name is decoded only when its feature is handed out.
 *
 * <p>A name never straddles two pages; a page is started when the next name does not fit, so no
 * array grows past {@link #PAGE_BYTES} (except for one name longer than that, alone on its page) and
 * the table holds any total size. Names that UTF-8 cannot carry exactly (a lone surrogate) are kept
 * as strings on the side, marked by an empty byte sequence: named features never have an empty
 * name, so the common path needs no extra check.
 *
 * <p>Filled by {@link #append} and {@link #appendCopy} in index order, then {@link #finish}ed;
 * read-only afterwards.
 */
final class NameTable {

  /**
   * Bytes after which a page is closed: large enough for few pages, small for the GC. A page with
   * its array header fits in 64 MiB exactly, a whole number of G1 regions, which would otherwise
   * round each page up by a region.
   */
  static final int PAGE_BYTES = (1 << 26) - 64;

  /** Names gathered per block by {@link #inOrder}: its scratch arrays stay in the L1 cache. */
  private static final int GATHER_BLOCK = 256;

  private byte[][] pages = new byte[1][];
  // Index of the first name on each page; pageFirst[0] == 0.
  private int[] pageFirst = new int[1];
  private int pageCount;
  private int fill; // bytes used on the last page
  private int[] starts; // offset of each name on its page
  private int size;
  private Map<Integer, String> irregular; // names UTF-8 cannot carry, by index

  private final int pageBytes;

  NameTable(int expectedSize) {
    this(expectedSize, PAGE_BYTES);
  }

  /** A table whose pages close after {@code pageBytes} bytes (small ones test page changes). */
  NameTable(int expectedSize, int pageBytes) {
    starts = new int[Math.max(expectedSize, 1)];
    this.pageBytes = pageBytes;
  }

  int size() {
    return size;
  }

  /** Adds the name at the next index. */
  void append(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (!carriesExactly(name, bytes)) {
      putIrregular(size, name);
      bytes = new byte[0];
    }
    appendBytes(bytes, 0, bytes.length);
  }

  /** Adds, at the next index, a copy of the name at {@code index} of another table. */
  void appendCopy(NameTable other, int index) {
    int page = other.pageOf(index);
    int start = other.starts[index];
    int end = other.endOf(index, page);
    if (start == end && other.irregular != null) {
      putIrregular(size, other.irregular.get(index));
    }
    appendBytes(other.pages[page], start, end - start);
  }

  /**
   * A finished table of the names of {@code source} (finished too) in the order {@code order}
   * lists their indexes: the i-th name of the result is name {@code order[i]} of the source.
   * Since the result holds the same bytes as the source, each page is allocated at its final
   * size (the last one exactly), never grown by copying.
   *
   * <p>The reads from the source are at random, a cache miss or two per name; they are made in
   * blocks of {@link #GATHER_BLOCK} names, first every offset of the block, then every copy, so
   * that the misses of a block are independent of each other and the processor overlaps them
   * (one pass that reads an offset, then the bytes it points to, waits for each miss in turn).
   */
  static NameTable inOrder(NameTable source, int[] order) {
    NameTable copy = new NameTable(order.length, source.pageBytes);
    long remaining = 0;
    for (int page = 0; page < source.pageCount; page++) {
      remaining += source.pages[page].length;
    }
    int[] starts = copy.starts;
    int[] fromPage = new int[GATHER_BLOCK];
    int[] fromStart = new int[GATHER_BLOCK];
    int[] lengths = new int[GATHER_BLOCK];
    byte[] to = null;
    int fill = 0;
    for (int block = 0; block < order.length; block += GATHER_BLOCK) {
      int count = Math.min(GATHER_BLOCK, order.length - block);
      for (int j = 0; j < count; j++) {
        int index = order[block + j];
        int page = source.pageOf(index);
        int start = source.starts[index];
        fromPage[j] = page;
        fromStart[j] = start;
        lengths[j] = source.endOf(index, page) - start;
      }
      for (int j = 0; j < count; j++) {
        int i = block + j;
        int length = lengths[j];
        if (length == 0) {
          copy.putIrregular(i, source.irregular.get(order[i]));
        }
        if (to == null || (fill > 0 && length > to.length - fill)) {
          if (to != null) {
            copy.pages[copy.pageCount - 1] = fill == to.length ? to : Arrays.copyOf(to, fill);
          }
          to = new byte[(int) Math.max(length, Math.min(source.pageBytes, remaining))];
          copy.openPage(to, i);
          fill = 0;
        }
        System.arraycopy(source.pages[fromPage[j]], fromStart[j], to, fill, length);
        starts[i] = fill;
        fill += length;
        remaining -= length;
      }
    }
    copy.size = order.length;
    copy.fill = fill;
    copy.finish();
    return copy;
  }

  private void openPage(byte[] page, int first) {
    if (pageCount == pages.length) {
      pages = Arrays.copyOf(pages, pageCount * 2);
      pageFirst = Arrays.copyOf(pageFirst, pageCount * 2);
    }
    pages[pageCount] = page;
    pageFirst[pageCount] = first;
    pageCount++;
  }

  private void putIrregular(int index, String name) {
    if (irregular == null) {
      irregular = new HashMap<>();
    }
    irregular.put(index, name);
  }

  private void appendBytes(byte[] source, int offset, int length) {
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, grow(starts.length));
    }
    if (pageCount == 0 || (fill > 0 && length > pageBytes - fill)) {
      closePage();
      openPage(new byte[Math.max(length, Math.min(1024, pageBytes))], size);
      fill = 0;
    }
    byte[] page = pages[pageCount - 1];
    if (length > page.length - fill) {
      long wanted = Math.max((long) fill + length, (long) page.length * 2);
      page = Arrays.copyOf(page, (int) Math.min(wanted, Math.max(pageBytes, fill + length)));
      pages[pageCount - 1] = page;
    }
    System.arraycopy(source, offset, page, fill, length);
    starts[size++] = fill;
    fill += length;
  }

  /** Whether {@code bytes}, the UTF-8 encoding of {@code name}, decode back to it. */
  private static boolean carriesExactly(String name, byte[] bytes) {
    if (bytes.length != name.length()) {
      return new String(bytes, StandardCharsets.UTF_8).equals(name);
    }
    // One byte per char: ASCII, unless the encoder put a '?' for a lone surrogate.
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '?' && name.charAt(i) != '?') {
        return false;
      }
    }
    return true;
  }

  /** Trims every array to its content; call once, after the last append. */
  void finish() {
    closePage();
    starts = Arrays.copyOf(starts, size);
    pages = Arrays.copyOf(pages, pageCount);
    pageFirst = Arrays.copyOf(pageFirst, pageCount);
  }

  private void closePage() {
    if (pageCount > 0 && pages[pageCount - 1].length != fill) {
      pages[pageCount - 1] = Arrays.copyOf(pages[pageCount - 1], fill);
    }
  }

  /** The name at an index, decoded. */
  String name(int index) {
    int page = pageOf(index);
    int start = starts[index];
    int end = endOf(index, page);
    if (start == end) {
      return irregular.get(index);
    }
    return new String(pages[page], start, end - start, StandardCharsets.UTF_8);
  }

  /** Whether the name at an index is held as UTF-8 (every name but one UTF-8 cannot carry). */
  boolean inUtf8(int index) {
    return endOf(index, pageOf(index)) != starts[index];
  }

  /** A copy of the UTF-8 of the name at an index, which must be {@linkplain #inUtf8 held so}. */
  byte[] utf8(int index) {
    int page = pageOf(index);
    return Arrays.copyOfRange(pages[page], starts[index], endOf(index, page));
  }

  /** Bytes held, array headers included (16 bytes each, as on a 64-bit JVM). */
  long footprintBytes() {
    long bytes = 16L + 4L * starts.length + 16 + 4L * pageFirst.length + 16 + 8L * pages.length;
    for (int i = 0; i < pageCount; i++) {
      bytes += 16 + pages[i].length;
    }
    return bytes;
  }

  private int pageOf(int index) {
    if (pageCount == 1) {
      return 0;
    }
    int found = Arrays.binarySearch(pageFirst, 0, pageCount, index);
    return found >= 0 ? found : -found - 2;
  }

  private int endOf(int index, int page) {
    boolean lastOnPage = page + 1 == pageCount ? index + 1 == size : index + 1 == pageFirst[page + 1];
    return lastOnPage ? (page + 1 == pageCount ? fill : pages[page].length) : starts[index + 1];
  }

  static int grow(int length) {
    int grown = length + (length >> 1) + 16;
    return grown < 0 || grown > Integer.MAX_VALUE - 8 ? Integer.MAX_VALUE - 8 : grown;
  }
}
