package dev.routeguide.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.grpc.server.TurnExecutor;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerExecutorProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The Spring gRPC server runs its calls on {@link TurnExecutor#shared()}, unless the application
 * or another auto-configuration provides the executor.
 */
class RouteGuideServerExecutorConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(RouteGuideServerExecutorConfiguration.class));

  @Test
  void providesTheSharedTurnExecutor() {
    runner.run(
        context ->
            assertThat(context.getBean(GrpcServerExecutorProvider.class).getExecutor())
                .isSameAs(TurnExecutor.shared()));
  }

  @Test
  void backsOffForTheApplicationsOwnExecutor() {
    Executor mine = Runnable::run;
    runner
        .withBean(GrpcServerExecutorProvider.class, () -> () -> mine)
        .run(
            context ->
                assertThat(context.getBean(GrpcServerExecutorProvider.class).getExecutor())
                    .isSameAs(mine));
  }

  @Test
  void providesNothingWhenTheStarterIsDisabled() {
    runner
        .withPropertyValues("routeguide.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(GrpcServerExecutorProvider.class));
  }
}
