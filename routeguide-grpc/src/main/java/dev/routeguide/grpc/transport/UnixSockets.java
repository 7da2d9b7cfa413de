package dev.routeguide.grpc.transport;

import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Unix domain sockets through grpc-netty-shaded's native epoll transport, which it bundles for
 * Linux on x86-64 and aarch64 only.
 */
final class UnixSockets {

  private UnixSockets() {}

  /** Whether the native epoll transport loaded on this machine. */
  static boolean isAvailable() {
    return Epoll.isAvailable();
  }

  /** Throws a message naming the option and the cause if the native transport is missing. */
  static void requireAvailable(String option) {
    if (!Epoll.isAvailable()) {
      throw new IllegalStateException(
          option
              + " needs Netty's native epoll transport (Linux x86-64 or aarch64), which is"
              + " unavailable here: "
              + Epoll.unavailabilityCause(),
          Epoll.unavailabilityCause());
    }
  }

  /** The gRPC target ({@code unix:/absolute/path}, percent-encoded) for a socket file. */
  static String target(Path socket) {
    try {
      return new URI("unix", null, socket.toAbsolutePath().toString(), null).toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("socket path cannot form a unix: target: " + socket, e);
    }
  }
}
