package dev.routeguide.testing.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.client.RouteGuideClient;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs small sample test classes that use the extension through the JUnit engine and checks what
 * their tests saw and how they ended. The samples are disabled unless run from here, since some
 * of them fail on purpose.
 */
class RouteGuideExtensionTest {

  private static final Point BERKSHIRE_VALLEY = Point.ofE7(409146138, -746188906);

  /** What the sample tests observed, for the assertions here. */
  static final List<Object> SEEN = new CopyOnWriteArrayList<>();

  @BeforeEach
  void forgetWhatWasSeen() {
    SEEN.clear();
  }

  private static final String SAMPLES = "dev.routeguide.testing.grpc.samples";

  private static EngineExecutionResults execute(Class<?> sample) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(SAMPLES, "true")
        .selectors(selectClass(sample))
        .execute();
  }

  private static Events run(Class<?> sample) {
    return execute(sample).testEvents();
  }

  /** Keeps the samples, some of which fail on purpose, out of ordinary test runs. */
  static final class OnlyAsSample implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(SAMPLES).isPresent()
          ? ConditionEvaluationResult.enabled("run by RouteGuideExtensionTest")
          : ConditionEvaluationResult.disabled("a sample for RouteGuideExtensionTest only");
    }
  }

  @Test
  void resolvesTheClientAndTheChannelAsParameters() {
    run(ParameterSample.class).assertStatistics(stats -> stats.started(1).succeeded(1));

    assertThat(SEEN).hasSize(1);
    assertThat((ManagedChannel) SEEN.get(0)).matches(ManagedChannel::isTerminated, "terminated");
  }

  @Test
  void injectsAnnotatedFields() {
    run(FieldSample.class).assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void givesEachTestAFreshBackendAndTearsItDown() {
    run(FreshBackendSample.class).assertStatistics(stats -> stats.started(2).succeeded(2));

    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
  }

  @Test
  void worksAsAStaticFieldWithABuilderConfiguredBackend() {
    run(StaticSample.class).assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void failsATestThatLeavesACallOpenAndStillShutsDown() {
    run(LeakySample.class)
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("leavesAChatOpen"),
                finishedWithFailure(
                    instanceOf(IllegalStateException.class),
                    message(m -> m.contains("did not terminate") && m.contains("left open")))));

    assertThat((ManagedChannel) SEEN.get(0)).matches(ManagedChannel::isTerminated, "terminated");
  }

  @Test
  void reportsAFailedTestsOwnFailureAndCancelsItsOpenCallsAtOnce() {
    run(FailingSample.class)
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("failsWithAChatOpen"),
                finishedWithFailure(instanceOf(AssertionError.class))));

    assertThat((ManagedChannel) SEEN.get(0)).matches(ManagedChannel::isTerminated, "terminated");
  }

  @Test
  void rejectsAnInjectFieldOfAnotherType() {
    run(BadFieldSample.class)
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("neverRuns"),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(m -> m.contains("notAClient")))));
  }

  @Test
  void refusesParametersOutsideATest() {
    execute(BeforeAllSample.class)
        .containerEvents()
        .assertThatEvents()
        .haveAtLeastOne(
            finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                message(m -> m.contains("only to @BeforeEach, @Test and @AfterEach"))));
  }

  @Test
  void accessorsFailWhenNoTestIsRunning() {
    RouteGuideExtension extension = new RouteGuideExtension();

    assertThatThrownBy(extension::client)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no test is running");
    assertThatThrownBy(extension::channel).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(extension::backend).isInstanceOf(IllegalStateException.class);
  }

  @ExtendWith(OnlyAsSample.class)
  static class ParameterSample {
    @RegisterExtension final RouteGuideExtension routeGuide = new RouteGuideExtension();

    @Test
    void test(RouteGuideClient client, RouteGuide guide, ManagedChannel channel, Channel raw) {
      assertThat(client.getFeature(BERKSHIRE_VALLEY).isNamed()).isTrue();
      assertThat(guide).isSameAs(client).isSameAs(routeGuide.client());
      assertThat(raw).isSameAs(channel).isSameAs(routeGuide.channel());
      SEEN.add(channel);
    }
  }

  @ExtendWith(OnlyAsSample.class)
  static class FieldSample {
    @RegisterExtension final RouteGuideExtension routeGuide = new RouteGuideExtension();

    @RouteGuideExtension.Inject RouteGuideClient client;
    @RouteGuideExtension.Inject ManagedChannel channel;

    @Test
    void test() {
      assertThat(client).isSameAs(routeGuide.client());
      assertThat(channel).isSameAs(routeGuide.channel());
      assertThat(client.getFeature(BERKSHIRE_VALLEY).isNamed()).isTrue();
    }
  }

  @ExtendWith(OnlyAsSample.class)
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class FreshBackendSample {
    @RegisterExtension final RouteGuideExtension routeGuide = new RouteGuideExtension();

    @Test
    void first(RouteGuideClient client) throws Exception {
      postAndExpectNoEarlierNotes(client);
    }

    @Test
    void second(RouteGuideClient client) throws Exception {
      postAndExpectNoEarlierNotes(client);
    }

    private void postAndExpectNoEarlierNotes(RouteGuideClient client) throws Exception {
      NoteInbox inbox = new NoteInbox();
      try (var chat = client.routeChat(inbox)) {
        chat.send(RouteNote.at(BERKSHIRE_VALLEY, "hello"));
        chat.complete();
        assertThat(inbox.awaitAll(Duration.ofSeconds(10))).isEmpty();
      }
      SEEN.add(routeGuide.backend());
    }
  }

  @ExtendWith(OnlyAsSample.class)
  static class StaticSample {
    static final Point HERE = Point.ofE7(1, 2);

    @RegisterExtension
    static final RouteGuideExtension routeGuide =
        RouteGuideExtension.builder()
            .catalogue(FeatureCatalogue.of(List.of(Feature.named("Here", HERE))))
            .directExecutor(true)
            .build();

    @Test
    void first(RouteGuideClient client) {
      assertThat(client.getFeature(HERE).name()).isEqualTo("Here");
    }

    @Test
    void second(RouteGuideClient client) {
      assertThat(routeGuide.backend()).isInstanceOf(LocalRouteGuide.class);
      assertThat(client.getFeature(BERKSHIRE_VALLEY).isNamed()).isFalse();
    }
  }

  @ExtendWith(OnlyAsSample.class)
  static class LeakySample {
    @RegisterExtension
    final RouteGuideExtension routeGuide =
        RouteGuideExtension.builder().shutdownTimeout(Duration.ofMillis(200)).build();

    @Test
    void leavesAChatOpen(RouteGuideClient client, ManagedChannel channel) {
      SEEN.add(channel);
      client.routeChat(new NoteInbox()).send(RouteNote.at(BERKSHIRE_VALLEY, "forgotten"));
    }
  }

  @ExtendWith(OnlyAsSample.class)
  static class FailingSample {
    @RegisterExtension
    final RouteGuideExtension routeGuide =
        RouteGuideExtension.builder().shutdownTimeout(Duration.ofSeconds(30)).build();

    @Test
    void failsWithAChatOpen(RouteGuideClient client, ManagedChannel channel) {
      SEEN.add(channel);
      client.routeChat(new NoteInbox()).send(RouteNote.at(BERKSHIRE_VALLEY, "open"));
      throw new AssertionError("the test's own failure");
    }
  }

  @ExtendWith(OnlyAsSample.class)
  static class BadFieldSample {
    @RegisterExtension final RouteGuideExtension routeGuide = new RouteGuideExtension();

    @RouteGuideExtension.Inject String notAClient;

    @Test
    void neverRuns() {}
  }

  @ExtendWith(OnlyAsSample.class)
  static class BeforeAllSample {
    @RegisterExtension static final RouteGuideExtension routeGuide = new RouteGuideExtension();

    @BeforeAll
    static void tooEarly(RouteGuideClient client) {}

    @Test
    void neverRuns() {}
  }
}
