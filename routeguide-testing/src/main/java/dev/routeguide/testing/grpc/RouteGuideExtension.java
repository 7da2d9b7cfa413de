package dev.routeguide.testing.grpc;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.grpc.client.RouteGuideClient;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test its own in-process RouteGuide server and a client
 * talking to it ({@link InProcessRouteGuide}), and tears both down after the test.
 *
 * <pre>{@code
 * @RegisterExtension final RouteGuideExtension routeGuide = new RouteGuideExtension();
 *
 * @Test void knowsBerkshireValley(RouteGuideClient client) {
 *   assertThat(client.getFeature(Point.ofE7(409146138, -746188906)).isNamed()).isTrue();
 * }
 * }</pre>
 *
 * <p><b>What it provides.</b> Test, {@code @BeforeEach} and {@code @AfterEach} methods may declare
 * parameters of type {@link RouteGuideClient} or {@link RouteGuide} (the client), and {@link
 * ManagedChannel} or {@link Channel} (the channel under it, for generated stubs). Non-static,
 * non-final fields of those types annotated {@link Inject @RouteGuideExtension.Inject} are set
 * before each test. The accessors {@link #client()}, {@link #channel()} and {@link #backend()}
 * serve the test currently running.
 *
 * <p><b>Lifecycle.</b> Every test gets a fresh server over a fresh backend, whether the extension
 * is an instance or a static field. After the test the client, channel and server are shut down
 * gracefully within a time limit; if the test left a call open, they are shut down forcefully and
 * the test <em>fails</em>, so leaked streams surface. When the test has already failed, open calls
 * are cancelled at once instead of waited for.
 *
 * <p><b>Configuration.</b> {@link #builder()} chooses the backend (default: a {@link
 * LocalRouteGuide} of the canonical catalogue, with an empty note board), whether gRPC runs on a
 * direct executor, and the shutdown time limit. One instance serves one test at a time: with
 * parallel test execution, register it as an instance field and use parameters.
 *
 * @since 0.1.0
 */
public final class RouteGuideExtension
    implements BeforeEachCallback,
        AfterTestExecutionCallback,
        AfterEachCallback,
        ParameterResolver {

  /**
   * Marks a field of type {@link RouteGuideClient}, {@link RouteGuide}, {@link ManagedChannel} or
   * {@link Channel} to be set before each test. The field must be neither static nor final.
   */
  @Documented
  @Target(ElementType.FIELD)
  @Retention(RetentionPolicy.RUNTIME)
  public @interface Inject {}

  private static final String RUNNING = "running";
  private static final String TEST_FAILED = "testFailed";

  private final InProcessOptions options;
  private volatile InProcessRouteGuide current;

  /**
   * An extension serving a fresh {@link LocalRouteGuide} of the canonical 100-feature catalogue to
   * each test, on gRPC's thread pool, with a 5-second shutdown limit.
   */
  public RouteGuideExtension() {
    this(new Builder());
  }

  private RouteGuideExtension(Builder builder) {
    this.options = builder.options;
  }

  /** Options for an extension: backend, executor, shutdown time limit. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The client of the test currently running.
   *
   * @throws IllegalStateException if no test is running (before {@code @BeforeEach}, after {@code
   *     @AfterEach}, or in {@code @BeforeAll}/{@code @AfterAll})
   */
  public RouteGuideClient client() {
    return running().client();
  }

  /**
   * The channel of the test currently running.
   *
   * @throws IllegalStateException if no test is running
   */
  public ManagedChannel channel() {
    return running().channel();
  }

  /**
   * The backend served to the test currently running, to arrange state or inspect effects.
   *
   * @throws IllegalStateException if no test is running
   */
  public RouteGuide backend() {
    return running().backend();
  }

  /** Starts the test's server, channel and client and fills {@link Inject} fields. */
  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    RouteGuide backend = options.backends().get();
    if (backend == null) {
      throw new ExtensionConfigurationException(
          "RouteGuideExtension backend supplier returned null");
    }
    InProcessRouteGuide routeGuide = options.start(backend);
    store(context).put(RUNNING, routeGuide);
    current = routeGuide;
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      injectFields(instance, routeGuide);
    }
  }

  /** Notes whether the test failed, so teardown does not wait for calls a failure left open. */
  @Override
  public void afterTestExecution(ExtensionContext context) {
    store(context).put(TEST_FAILED, context.getExecutionException().isPresent());
  }

  /**
   * Shuts the test's client, channel and server down.
   *
   * @throws IllegalStateException failing the test, if they did not terminate in time
   */
  @Override
  public void afterEach(ExtensionContext context) {
    InProcessRouteGuide routeGuide = store(context).remove(RUNNING, InProcessRouteGuide.class);
    if (routeGuide == null) {
      return;
    }
    if (current == routeGuide) {
      current = null;
    }
    boolean failed =
        Boolean.TRUE.equals(store(context).remove(TEST_FAILED, Boolean.class))
            || context.getExecutionException().isPresent();
    if (failed) {
      routeGuide.closeNow();
    } else {
      routeGuide.close();
    }
  }

  /**
   * Supports method parameters of type {@link RouteGuideClient}, {@link RouteGuide}, {@link
   * ManagedChannel} and {@link Channel}; not constructor parameters, which exist before the test's
   * server does.
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getDeclaringExecutable() instanceof Method
        && isProvided(parameter.getParameter().getType());
  }

  /**
   * Resolves a supported parameter for the running test.
   *
   * @throws ParameterResolutionException if no test is running, as in {@code @BeforeAll}
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    InProcessRouteGuide routeGuide = store(context).get(RUNNING, InProcessRouteGuide.class);
    if (routeGuide == null) {
      throw new ParameterResolutionException(
          "RouteGuideExtension provides "
              + parameter.getParameter().getType().getSimpleName()
              + " only to @BeforeEach, @Test and @AfterEach methods, not to "
              + parameter.getDeclaringExecutable().getName());
    }
    return valueFor(parameter.getParameter().getType(), routeGuide);
  }

  @Override
  public String toString() {
    return "RouteGuideExtension[" + (current == null ? "idle" : current) + "]";
  }

  private InProcessRouteGuide running() {
    InProcessRouteGuide routeGuide = current;
    if (routeGuide == null) {
      throw new IllegalStateException(
          "no test is running: RouteGuideExtension serves from @BeforeEach to @AfterEach");
    }
    return routeGuide;
  }

  private ExtensionContext.Store store(ExtensionContext context) {
    return context.getStore(ExtensionContext.Namespace.create(RouteGuideExtension.class, this));
  }

  private static boolean isProvided(Class<?> type) {
    return type == RouteGuideClient.class
        || type == RouteGuide.class
        || type == ManagedChannel.class
        || type == Channel.class;
  }

  private static Object valueFor(Class<?> type, InProcessRouteGuide routeGuide) {
    return type == ManagedChannel.class || type == Channel.class
        ? routeGuide.channel()
        : routeGuide.client();
  }

  private static void injectFields(Object instance, InProcessRouteGuide routeGuide)
      throws IllegalAccessException {
    for (Class<?> type = instance.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (!field.isAnnotationPresent(Inject.class)) {
          continue;
        }
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
          throw new ExtensionConfigurationException(
              "@RouteGuideExtension.Inject field " + field + " must be neither static nor final");
        }
        if (!isProvided(field.getType())) {
          throw new ExtensionConfigurationException(
              "@RouteGuideExtension.Inject field "
                  + field
                  + " must be of type RouteGuideClient, RouteGuide, ManagedChannel or Channel");
        }
        field.setAccessible(true);
        field.set(instance, valueFor(field.getType(), routeGuide));
      }
    }
  }

  /** Options for a {@link RouteGuideExtension}. Not thread-safe. */
  public static final class Builder extends OptionsBuilder<Builder> {
    private Builder() {}

    /**
     * Serves a fresh backend from this supplier to each test, such as {@code () ->
     * LocalRouteGuide.of(myCatalogue)}.
     *
     * @throws NullPointerException if backends is null
     */
    public Builder backend(Supplier<? extends RouteGuide> backends) {
      options = options.withBackends(backends);
      return this;
    }

    /**
     * Serves a fresh {@link LocalRouteGuide} of this catalogue, with an empty note board, to each
     * test.
     *
     * @throws NullPointerException if catalogue is null
     */
    public Builder catalogue(FeatureCatalogue catalogue) {
      Objects.requireNonNull(catalogue, "catalogue");
      return backend(() -> LocalRouteGuide.of(catalogue));
    }

    @Override
    Builder self() {
      return this;
    }

    /** The configured extension. */
    public RouteGuideExtension build() {
      return new RouteGuideExtension(this);
    }
  }
}
