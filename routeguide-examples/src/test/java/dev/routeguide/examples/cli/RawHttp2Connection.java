package dev.routeguide.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A deliberately careless HTTP/2 client on a plain socket, for abuse tests: it writes exactly the
 * frames it is told to (a partial preface, pings, gRPC calls whose replies it never reads or
 * acknowledges) and can report how the server ended the connection. HEADERS use HPACK literals
 * without Huffman coding; nothing is flow-controlled, so callers keep within the server's window.
 */
final class RawHttp2Connection implements AutoCloseable {

  static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  static final int TYPE_DATA = 0x0;
  static final int TYPE_HEADERS = 0x1;
  static final int TYPE_SETTINGS = 0x4;
  static final int TYPE_PING = 0x6;
  static final int TYPE_GOAWAY = 0x7;

  static final int ENHANCE_YOUR_CALM = 0xb;

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

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
  RawHttp2Connection write(byte[] bytes) throws IOException {
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
      int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
      int type = in.readUnsignedByte();
      int flags = in.readUnsignedByte();
      in.readInt(); // stream id
      in.readFully(new byte[length]);
      if (type == TYPE_SETTINGS && (flags & 0x1) == 0) {
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        frame(ack, TYPE_SETTINGS, 0x1, 0, new byte[0]);
        return write(ack.toByteArray());
      }
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
   * Reads (never acknowledging pings or settings) until the server closes the connection or the
   * timeout passes between two reads; reports the GOAWAY it sent, if any.
   */
  Ending readUntilClosed(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    int errorCode = -1;
    String debug = "";
    try {
      while (true) {
        int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        in.readUnsignedByte(); // flags
        in.readInt(); // stream id
        byte[] payload = new byte[length];
        in.readFully(payload);
        if (type == TYPE_GOAWAY && length >= 8) {
          errorCode =
              (payload[4] & 0xff) << 24
                  | (payload[5] & 0xff) << 16
                  | (payload[6] & 0xff) << 8
                  | (payload[7] & 0xff);
          debug = new String(payload, 8, length - 8, StandardCharsets.UTF_8);
        }
      }
    } catch (EOFException | SocketException closed) {
      return new Ending(true, errorCode, debug);
    } catch (SocketTimeoutException stillOpen) {
      return new Ending(false, errorCode, debug);
    }
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
