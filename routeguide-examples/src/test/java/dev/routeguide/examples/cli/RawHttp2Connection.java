package dev.routeguide.examples.cli;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A deliberately careless HTTP/2 client on a plain socket, for abuse tests: it writes exactly the
 * frames it is told to (a partial preface, pings, gRPC calls whose replies it never reads or
 * acknowledges, resets) and can report how the server ended the connection. By default it reads
 * nothing, so it answers no ping; {@link #answeringPings()} makes it answer the server's pings (and
 * nothing else), as a live peer does, and note every stream the server resets and the {@code
 * grpc-status} of every call it ends (decoded with Netty's HPACK decoder, as shaded inside
 * grpc-netty-shaded). HEADERS use HPACK literals without Huffman coding; nothing
 * is flow-controlled, so callers keep within the server's window. Writes are thread-safe.
 */
final class RawHttp2Connection implements AutoCloseable {

  static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  static final int TYPE_DATA = 0x0;
  static final int TYPE_HEADERS = 0x1;
  static final int TYPE_RST_STREAM = 0x3;
  static final int TYPE_SETTINGS = 0x4;
  static final int TYPE_PING = 0x6;
  static final int TYPE_GOAWAY = 0x7;

  static final int ENHANCE_YOUR_CALM = 0xb;
  static final int CANCEL = 0x8;
  static final int REFUSED_STREAM = 0x7;

  private static final int FLAG_ACK = 0x1;

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  private final CompletableFuture<Ending> pingAnswerer = new CompletableFuture<>();
  private volatile boolean answeringPings;
  private final Map<Integer, String> endedCalls = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> refusedStreams = new ConcurrentHashMap<>();
  private final DefaultHttp2HeadersDecoder headersDecoder = new DefaultHttp2HeadersDecoder();

  private RawHttp2Connection(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
  }

  /** Opens a TCP connection to the loopback port and writes nothing. */
  static RawHttp2Connection open(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    return new RawHttp2Connection(socket);
  }

  /** Writes raw bytes, such as part of the preface. */
  synchronized RawHttp2Connection write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Writes the client preface and an empty SETTINGS frame: the start of a real connection. */
  RawHttp2Connection handshake() throws IOException {
    ByteArrayOutputStream start = new ByteArrayOutputStream();
    start.write(PREFACE);
    frame(start, TYPE_SETTINGS, 0, 0, new byte[0]);
    return write(start.toByteArray());
  }

  /**
   * Completes the handshake as a real client does: the preface and SETTINGS, then reads until the
   * server's SETTINGS arrive and acknowledges them. Afterwards it reads nothing more unless told.
   */
  RawHttp2Connection handshakeAndAcknowledge(Duration timeout) throws IOException {
    handshake();
    socket.setSoTimeout((int) timeout.toMillis());
    while (true) {
      Frame frame = readFrame();
      if (frame.type() == TYPE_SETTINGS && !frame.ack()) {
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        frame(ack, TYPE_SETTINGS, FLAG_ACK, 0, new byte[0]);
        return write(ack.toByteArray());
      }
    }
  }

  /**
   * From now on reads everything the server sends on a thread of its own, answering each of its
   * pings with a PING ACK (so keepalive finds the peer alive) and discarding the rest; it never
   * acknowledges SETTINGS. {@link #readUntilClosed} then reports what that thread saw.
   */
  RawHttp2Connection answeringPings() {
    answeringPings = true;
    Thread reader = new Thread(() -> {
      try {
        pingAnswerer.complete(readUntilClosed(Duration.ZERO, this::answerPing));
      } catch (IOException | RuntimeException e) {
        pingAnswerer.completeExceptionally(e);
      }
    }, "raw-http2-ping-answerer");
    reader.setDaemon(true);
    reader.start();
    return this;
  }

  private void answerPing(Frame frame) throws IOException {

    if (frame.type() == TYPE_PING && !frame.ack()) {
      ByteArrayOutputStream ack = new ByteArrayOutputStream();
      frame(ack, TYPE_PING, FLAG_ACK, 0, frame.payload());
      write(ack.toByteArray());
    } else if (frame.type() == TYPE_RST_STREAM && frame.payload().length == 4) {
      int code = (frame.payload()[0] & 0xff) << 24 | (frame.payload()[1] & 0xff) << 16
          | (frame.payload()[2] & 0xff) << 8 | (frame.payload()[3] & 0xff);
      refusedStreams.putIfAbsent(frame.streamId(), code);
    } else if (frame.type() == TYPE_HEADERS) {

      // every header block goes through the decoder, in order: HPACK's table is per connection
      ByteBuf block = Unpooled.wrappedBuffer(frame.payload());
      try {
        CharSequence status = headersDecoder.decodeHeaders(frame.streamId(), block)
            .get("grpc-status");
        if (frame.ack() && status != null) { // END_STREAM: trailers
          endedCalls.put(frame.streamId(), status.toString());
        }
      } catch (Http2Exception e) {
        throw new IOException("cannot decode the server's headers", e);
      } finally {
        block.release();
      }
    }
  }

  /**
   * The calls the server has ended so far, by stream id, with the {@code grpc-status} code of each
   * (a number, as on the wire); empty unless {@link #answeringPings()} reads the connection.
   */
  Map<Integer, String> endedCalls() {
    requireReaderRunning();
    return Map.copyOf(endedCalls);
  }

  /**
   * The streams the server has reset so far (RST_STREAM), by stream id, with each one's HTTP/2
   * error code; empty unless {@link #answeringPings()} reads the connection.
   */
  Map<Integer, Integer> resetStreams() {
    requireReaderRunning();
    return Map.copyOf(refusedStreams);
  }

  /** Whether the server has not (yet) closed the connection, as far as the reader has seen. */
  boolean isOpen() {
    return !pingAnswerer.isDone();
  }

  private void requireReaderRunning() {
    if (pingAnswerer.isCompletedExceptionally()) {
      pingAnswerer.join(); // throws what stopped the reader
    }
  }

  /** Writes a PING frame carrying this payload. */
  RawHttp2Connection ping(long payload) throws IOException {
    byte[] data = new byte[8];
    for (int i = 0; i < 8; i++) {
      data[i] = (byte) (payload >>> (56 - 8 * i));
    }
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame(frame, TYPE_PING, 0, 0, data);
    return write(frame.toByteArray());
  }

  /** Resets this stream (RST_STREAM with CANCEL), as a client cancelling a call does. */
  RawHttp2Connection reset(int streamId) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame(frame, TYPE_RST_STREAM, 0, streamId, new byte[] {0, 0, 0, CANCEL});
    return write(frame.toByteArray());
  }

  /**
   * Opens a gRPC call on this (odd, increasing) stream id and sends these serialised messages;
   * ends the stream only if asked to.
   */
  RawHttp2Connection call(int streamId, String fullMethodName, boolean endStream,
      byte[]... messages) throws IOException {
    ByteArrayOutputStream frames = new ByteArrayOutputStream();
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    literal(headers, ":method", "POST");
    literal(headers, ":scheme", "http");
    literal(headers, ":path", "/" + fullMethodName);
    literal(headers, ":authority", "localhost");
    literal(headers, "content-type", "application/grpc");
    literal(headers, "te", "trailers");
    int headersFlags = 0x4 | (endStream && messages.length == 0 ? 0x1 : 0);
    frame(frames, TYPE_HEADERS, headersFlags, streamId, headers.toByteArray());
    for (int i = 0; i < messages.length; i++) {
      byte[] message = messages[i];
      byte[] data = new byte[5 + message.length];
      data[1] = (byte) (message.length >>> 24);
      data[2] = (byte) (message.length >>> 16);
      data[3] = (byte) (message.length >>> 8);
      data[4] = (byte) message.length;
      System.arraycopy(message, 0, data, 5, message.length);
      boolean last = endStream && i == messages.length - 1;
      frame(frames, TYPE_DATA, last ? 0x1 : 0, streamId, data);
    }
    return write(frames.toByteArray());
  }

  /** How the server ended the connection, as seen by reading until it did. */
  record Ending(boolean closed, int goAwayErrorCode, String goAwayDebug) {

    boolean wentAway() {
      return goAwayErrorCode >= 0;
    }
  }

  /**
   * Reads until the server closes the connection or the timeout passes between two reads, and
   * reports the GOAWAY it sent, if any. Without {@link #answeringPings()} it acknowledges nothing;
   * with it, it waits up to the timeout for the answering thread to see the connection end.
   */
  Ending readUntilClosed(Duration timeout) throws IOException {
    if (answeringPings) {
      try {
        return pingAnswerer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillOpen) {
        return new Ending(false, -1, "");
      } catch (ExecutionException e) {
        throw new IOException("the ping-answering reader failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the connection to end");
      }
    }
    return readUntilClosed(timeout, frame -> {});
  }

  private interface FrameHandler {
    void handle(Frame frame) throws IOException;
  }

  /** Reads frames, handing each to the handler, until closed or timed out (zero: no timeout). */
  private Ending readUntilClosed(Duration timeout, FrameHandler handler) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    int errorCode = -1;
    String debug = "";
    try {
      while (true) {
        Frame frame = readFrame();
        byte[] payload = frame.payload();
        if (frame.type() == TYPE_GOAWAY && payload.length >= 8) {
          errorCode =
              (payload[4] & 0xff) << 24
                  | (payload[5] & 0xff) << 16
                  | (payload[6] & 0xff) << 8
                  | (payload[7] & 0xff);
          debug = new String(payload, 8, payload.length - 8, StandardCharsets.UTF_8);
        }
        handler.handle(frame);
      }
    } catch (EOFException | SocketException closed) {
      return new Ending(true, errorCode, debug);
    } catch (SocketTimeoutException stillOpen) {
      return new Ending(false, errorCode, debug);
    }
  }

  /**
   * One frame as read: its type, whether it carries flag 0x1 (ACK for SETTINGS and PING,
   * END_STREAM for HEADERS and DATA), its stream and its payload.
   */
  private record Frame(int type, boolean ack, int streamId, byte[] payload) {}

  private Frame readFrame() throws IOException {
    int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
    int type = in.readUnsignedByte();
    int flags = in.readUnsignedByte();
    int streamId = in.readInt() & 0x7fffffff;
    byte[] payload = new byte[length];
    in.readFully(payload);
    return new Frame(type, (flags & FLAG_ACK) != 0, streamId, payload);
  }

  /** Drops the connection with a TCP reset: no RST_STREAM, no GOAWAY, no FIN. */
  void abandon() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static void frame(ByteArrayOutputStream to, int type, int flags, int streamId,
      byte[] payload) {
    to.write(payload.length >>> 16);
    to.write(payload.length >>> 8);
    to.write(payload.length);
    to.write(type);
    to.write(flags);
    to.write(streamId >>> 24 & 0x7f);
    to.write(streamId >>> 16);
    to.write(streamId >>> 8);
    to.write(streamId);
    to.writeBytes(payload);
  }

  /** An HPACK "literal header field without indexing, new name", lengths under 127. */
  private static void literal(ByteArrayOutputStream to, String name, String value) {
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    byte[] v = value.getBytes(StandardCharsets.US_ASCII);
    to.write(0x00);
    to.write(n.length);
    to.writeBytes(n);
    to.write(v.length);
    to.writeBytes(v);
  }
}
