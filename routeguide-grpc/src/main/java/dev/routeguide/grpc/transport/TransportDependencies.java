package dev.routeguide.grpc.transport;

/**
 * Checks that the optional dependencies of this package are on the class path, so that a missing
 * one is named with the artifact that brings it, instead of surfacing later as a {@code
 * NoClassDefFoundError} from deep inside a start.
 */
final class TransportDependencies {

  private static final String[][] REQUIRED = {
    {"io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder", "io.grpc:grpc-netty-shaded"},
    {"io.grpc.inprocess.InProcessServerBuilder", "io.grpc:grpc-inprocess"},
    {"io.grpc.protobuf.services.HealthStatusManager", "io.grpc:grpc-services"},
  };

  private TransportDependencies() {}

  /**
   * @throws IllegalStateException naming the first missing artifact and the one dependency that
   *     brings them all
   */
  static void require(String user) {
    for (String[] required : REQUIRED) {
      try {
        Class.forName(required[0], false, TransportDependencies.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(
            user
                + " needs "
                + required[1]
                + " on the class path: add the dependency dev.routeguide:routeguide-transports"
                + " (type pom), which brings every transport it uses",
            e);
      }
    }
  }
}
