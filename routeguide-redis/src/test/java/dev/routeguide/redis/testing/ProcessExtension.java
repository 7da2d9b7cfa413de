package dev.routeguide.redis.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lifecycle shared by {@link RedisServerExtension} and {@link RedisClusterExtension}: a
 * {@code static} field starts its processes once for the class (its {@code @Nested} classes share
 * them), an instance field once per test; they are stopped after the class or the test, whether it
 * passed or failed.
 */
abstract class ProcessExtension<T extends AutoCloseable>
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final Supplier<T> starter;
  private T running;
  private boolean perClass;
  private String startedBy; // unique id of the class context that started it; @Nested share it

  ProcessExtension(Supplier<T> starter) {
    this.starter = starter;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (running == null) {
      perClass = true;
      startedBy = context.getUniqueId();
      running = starter.get();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      running = starter.get();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (!perClass) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (context.getUniqueId().equals(startedBy)) {
      stop();
    }
  }

  /** The running processes; for the subclasses' accessors. */
  T running() {
    if (running == null) {
      throw new IllegalStateException("not started: register the extension with @RegisterExtension");
    }
    return running;
  }

  private void stop() throws Exception {
    T stopping = running;
    running = null;
    if (stopping != null) {
      stopping.close();
    }
  }
}
