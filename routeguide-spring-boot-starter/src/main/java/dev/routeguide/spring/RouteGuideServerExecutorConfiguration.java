package dev.routeguide.spring;

import dev.routeguide.grpc.server.TurnExecutor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerExecutorProvider;
import org.springframework.context.annotation.Bean;

/**
 * Runs the Spring gRPC server's calls on {@link TurnExecutor#shared()}, as the ready-made {@code
 * RouteGuideServer} does, so that RouteChat's replies go out in batches: a cached pool of daemon
 * threads named {@code routeguide-server-N}, in place of gRPC's own cached pool.
 *
 * <p>Only when the application, or another auto-configuration (Spring Security's, which carries
 * the security context to the calls), defines no {@link GrpcServerExecutorProvider} of its own:
 * this one is evaluated after them all and backs off. To keep the batching with an executor of
 * your own, provide {@code () -> TurnExecutor.wrapping(yourExecutor)}.
 *
 * @since 0.2.0
 */
@AutoConfiguration(afterName = RouteGuideServerExecutorConfiguration.GRPC_SERVER_SECURITY)
@ConditionalOnClass({GrpcServerExecutorProvider.class, TurnExecutor.class})
@ConditionalOnBooleanProperty(name = "routeguide.enabled", matchIfMissing = true)
public final class RouteGuideServerExecutorConfiguration {

  static final String GRPC_SERVER_SECURITY =
      "org.springframework.boot.grpc.server.autoconfigure.security"
          + ".GrpcServerSecurityAutoConfiguration";

  /** The shared turn executor, for the gRPC server's calls. */
  @Bean
  @ConditionalOnMissingBean
  GrpcServerExecutorProvider routeGuideServerExecutor() {
    return TurnExecutor::shared;
  }
}
