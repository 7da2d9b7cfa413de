package dev.routeguide.grpc.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.PermissionDeniedException;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.grpc.transport.RouteGuideChannels;
import dev.routeguide.grpc.transport.RouteGuideServer;
import dev.routeguide.grpc.transport.RouteGuideServerBuilder;
import dev.routeguide.grpc.transport.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("PolicyAuthorization")
class PolicyAuthorizationTest {

  private static final String SERVICE = "/routeguide.RouteGuide/";
  private static final Point BERKSHIRE_VALLEY = Point.ofE7(409_146_138, -746_188_906);
  private static final String WRITER = "CN=routeguide-test-client";
  private static final String READER = "CN=reader,O=RouteGuide Tests";

  @TempDir static Path certificates;
  private static TestCertificates pki;
  private static TestCertificates.Client reader;

  @TempDir Path dir;
  private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void generateCertificates() {
    pki = TestCertificates.generate(certificates, "authz-");
    // Bouncy Castle writes the parts in the order given; RFC 2253 reads them back reversed.
    reader = pki.issueClient("O=RouteGuide Tests,CN=reader");
  }

  @AfterEach
  void closeNewestFirst() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @Nested
  @DisplayName("over mutual TLS")
  class OverMutualTls {

    @Test
    void deniesAReaderTheWritingMethodsNamingMethodAndIdentity() throws Exception {
      RouteGuideServer server = mutualTlsServer(policy(
          "p, \"" + READER + "\", " + SERVICE + "GetFeature",
          "p, \"" + READER + "\", " + SERVICE + "ListFeatures",
          "p, " + WRITER + ", " + SERVICE + "*"));
      RouteGuideClient client = connect(server, reader);

      assertThat(client.getFeature(BERKSHIRE_VALLEY).isNamed()).isTrue();
      try (var features = client.listFeatures(Rectangle.spanning(BERKSHIRE_VALLEY, BERKSHIRE_VALLEY))) {
        assertThat(features.next().location()).isEqualTo(BERKSHIRE_VALLEY);
      }
      assertThatThrownBy(() -> client.recordRoute(List.of(BERKSHIRE_VALLEY)))
          .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
            assertThat(e.getMessage())
                .isEqualTo(READER + " is not allowed to call " + SERVICE
                    + "RecordRoute by the authorization policy");
          });
      assertThat(chatFailure(client))
          .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
            assertThat(e.getMessage()).contains(READER).contains(SERVICE + "RouteChat");
          });
    }

    @Test
    void letsAnAllowedIdentityCallEveryMethod() throws Exception {
      RouteGuideServer server = mutualTlsServer(policy(
          "p, \"" + READER + "\", " + SERVICE + "GetFeature",
          "p, " + WRITER + ", " + SERVICE + "*"));
      RouteGuideClient writer =
          closeAfter(RouteGuideClient.owning(RouteGuideChannels.mutualTls(server.target(),
              pki.caCertificate, pki.clientCertificateChain, pki.clientPrivateKey)));

      assertThat(writer.recordRoute(List.of(BERKSHIRE_VALLEY)).pointCount()).isEqualTo(1);
      assertThat(chatFailure(writer)).isNull();
    }

    @Test
    void appliesRolesGivenByGRules() throws Exception {
      RouteGuideServer server = mutualTlsServer(policy(
          "g, \"" + READER + "\", walkers",
          "p, walkers, " + SERVICE + "RecordRoute"));
      RouteGuideClient client = connect(server, reader);

      assertThat(client.recordRoute(List.of(BERKSHIRE_VALLEY)).pointCount()).isEqualTo(1);
      assertThatThrownBy(() -> client.getFeature(BERKSHIRE_VALLEY))
          .isInstanceOf(PermissionDeniedException.class);
    }
  }

  @Nested
  @DisplayName("without a client certificate")
  class Anonymous {

    @Test
    void treatsTheCallerAsAnonymousWhichIsNotAuthenticated() throws Exception {
      Path policy = policy(
          "p, *, " + SERVICE + "GetFeature",
          "p, authenticated, " + SERVICE + "RouteChat");
      String name = "authz-" + UUID.randomUUID();
      closeAfter(RouteGuideServer.builder(LocalRouteGuide.of(FeatureCatalogue.canonical()))
          .inProcess(name)
          .authorizationPolicy(policy)
          .start());
      RouteGuideClient client = closeAfter(RouteGuideClient.owning(RouteGuideChannels.inProcess(name)));

      assertThat(client.getFeature(BERKSHIRE_VALLEY).isNamed()).isTrue();
      assertThat(chatFailure(client))
          .isInstanceOfSatisfying(PermissionDeniedException.class, e -> assertThat(e.getMessage())
              .startsWith("anonymous is not allowed to call " + SERVICE + "RouteChat"));
    }
  }

  @Nested
  @DisplayName("with optional client certificates, under the README's policy")
  class OptionalClientCertificates {

    /** The policy file the README shows (rendered into it from this file). */
    private final Path everyoneReads = Path.of("..", "docs", "everyone-reads-policy.csv");

    @Test
    void isTheFileTheReadmeShows() throws IOException {
      assertThat(Files.readString(Path.of("..", "README.md")))
          .contains(Files.readString(everyoneReads).strip());
    }

    @Test
    void letsAnAnonymousTlsClientReadButNotRecordRoutesOrWriteNotes() throws Exception {
      RouteGuideServer server = optionalCertificateServer();
      RouteGuideClient anonymous = closeAfter(RouteGuideClient.owning(
              RouteGuideChannels.tls(server.target(), pki.caCertificate))
          .withDeadline(Duration.ofSeconds(20)));

      assertThat(anonymous.getFeature(BERKSHIRE_VALLEY).isNamed()).isTrue();
      try (var features =
          anonymous.listFeatures(Rectangle.spanning(BERKSHIRE_VALLEY, BERKSHIRE_VALLEY))) {
        assertThat(features.next().location()).isEqualTo(BERKSHIRE_VALLEY);
      }
      assertThatThrownBy(() -> anonymous.recordRoute(List.of(BERKSHIRE_VALLEY)))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("anonymous is not allowed to call " + SERVICE
              + "RecordRoute by the authorization policy");
      assertThat(chatFailure(anonymous))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageStartingWith("anonymous is not allowed to call " + SERVICE + "RouteChat");
    }

    @Test
    void letsACertifiedClientRecordRoutesAndWriteNotes() throws Exception {
      RouteGuideServer server = optionalCertificateServer();
      RouteGuideClient certified = connect(server, reader);

      assertThat(certified.recordRoute(List.of(BERKSHIRE_VALLEY)).pointCount()).isEqualTo(1);
      assertThat(chatFailure(certified)).isNull();
      assertThat(certified.getFeature(BERKSHIRE_VALLEY).isNamed()).isTrue();
    }

    private RouteGuideServer optionalCertificateServer() throws IOException {
      return closeAfter(RouteGuideServer.builder(LocalRouteGuide.of(FeatureCatalogue.canonical()))
          .tcp("localhost", 0)
          .tls(pki.serverCertificateChain, pki.serverPrivateKey)
          .acceptClientCertificates(pki.caCertificate)
          .authorizationPolicy(everyoneReads)
          .start());
    }
  }

  @Nested
  @DisplayName("reloading")
  class Reloading {

    @Test
    void followsTheFileWhenItChanges() throws Exception {
      Path policy = policy("p, " + WRITER + ", " + SERVICE + "GetFeature");
      PolicyAuthorization authorization = PolicyAuthorization.fromFile(policy, Duration.ZERO);
      assertThat(authorization.allows(WRITER, SERVICE + "RecordRoute")).isFalse();

      write(policy, "p, " + WRITER + ", " + SERVICE + "GetFeature",
          "p, " + WRITER + ", " + SERVICE + "RecordRoute");

      assertThat(authorization.allows(WRITER, SERVICE + "RecordRoute")).isTrue();
      assertThat(authorization.allows(WRITER, SERVICE + "GetFeature")).isTrue();
    }

    @Test
    void keepsTheLastGoodPolicyAndLogsWhyWhenTheFileStopsParsing() throws Exception {
      Path policy = policy("p, " + WRITER + ", " + SERVICE + "GetFeature");
      PolicyAuthorization authorization = PolicyAuthorization.fromFile(policy, Duration.ZERO);
      List<LogRecord> logged = captureLog();

      write(policy, "p, " + WRITER + ", " + SERVICE + "GetFeature", "allow everyone please");

      assertThat(authorization.allows(WRITER, SERVICE + "GetFeature")).isTrue();
      assertThat(authorization.allows(WRITER, SERVICE + "RecordRoute")).isFalse();
      assertThat(logged)
          .singleElement()
          .satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getMessage())
                .contains(policy.toString())
                .contains("line 2")
                .contains("keeping the last good policy");
          });
    }

    @Test
    void checksNoMoreOftenThanItsInterval() throws Exception {
      Path policy = policy("p, " + WRITER + ", " + SERVICE + "GetFeature");
      PolicyAuthorization authorization = PolicyAuthorization.fromFile(policy, Duration.ofHours(1));

      write(policy, "p, " + WRITER + ", " + SERVICE + "*");

      assertThat(authorization.allows(WRITER, SERVICE + "RecordRoute")).isFalse();
    }

    private List<LogRecord> captureLog() {
      Logger logger = Logger.getLogger(PolicyAuthorization.class.getName());
      List<LogRecord> records = new CopyOnWriteArrayList<>();
      Handler handler =
          new Handler() {
            @Override
            public void publish(LogRecord record) {
              records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          };
      logger.addHandler(handler);
      resources.add(() -> logger.removeHandler(handler));
      return records;
    }
  }

  @Nested
  @DisplayName("a policy that does not parse")
  class InvalidPolicy {

    @Test
    void isRefusedNamingTheFileAndLine() throws IOException {
      Path policy = policy("# readers", "p, *, " + SERVICE + "GetFeature", "p, *");

      assertThatThrownBy(() -> PolicyAuthorization.fromFile(policy))
          .isInstanceOf(InvalidPolicyException.class)
          .hasMessage("authorization policy " + policy + ", line 3: p rule needs exactly 2 fields"
              + " (subject, method), got 1 in \"p, *\"");
    }

    @Test
    void isRefusedForAnUnknownRuleTypeOrAMethodThatIsNotAFullName() throws IOException {
      assertThatThrownBy(() -> PolicyAuthorization.fromFile(policy("q, a, b")))
          .hasMessageContaining("line 1: unknown rule type \"q\" (expected p or g)");
      assertThatThrownBy(() -> PolicyAuthorization.fromFile(policy("p, a, GetFeature")))
          .hasMessageContaining("method \"GetFeature\" is not a full method name");
    }

    @Test
    void isRefusedWhenMissing() {
      Path missing = dir.resolve("missing.csv");
      assertThatThrownBy(() -> PolicyAuthorization.fromFile(missing))
          .isInstanceOf(InvalidPolicyException.class)
          .hasMessageStartingWith("authorization policy " + missing + ": cannot read it");
    }

    @Test
    void stopsTheServerFromStarting() throws IOException {
      Path policy = policy("p, *");
      RouteGuideServerBuilder builder =
          RouteGuideServer.builder(LocalRouteGuide.of(FeatureCatalogue.canonical()))
              .inProcess("authz-" + UUID.randomUUID())
              .authorizationPolicy(policy);
      assertThatThrownBy(builder::start)
          .isInstanceOf(InvalidPolicyException.class)
          .hasMessageContaining("line 1");
    }
  }

  private RouteGuideServer mutualTlsServer(Path policy) throws IOException {
    return closeAfter(RouteGuideServer.builder(LocalRouteGuide.of(FeatureCatalogue.canonical()))
        .tcp("localhost", 0)
        .tls(pki.serverCertificateChain, pki.serverPrivateKey)
        .requireClientCertificates(pki.caCertificate)
        .authorizationPolicy(policy)
        .start());
  }

  private RouteGuideClient connect(RouteGuideServer server, TestCertificates.Client identity)
      throws IOException {
    return closeAfter(RouteGuideClient.owning(RouteGuideChannels.mutualTls(server.target(),
        pki.caCertificate, identity.certificateChain(), identity.privateKey()))
        .withDeadline(Duration.ofSeconds(20)));
  }

  /** Posts one note on a new chat and completes it; returns how it failed, or null. */
  private static Throwable chatFailure(RouteGuideClient client) {
    return catchThrowable(() -> {
      NoteInbox inbox = new NoteInbox();
      try (RouteChat chat = client.routeChat(inbox)) {
        chat.send(new RouteNote(BERKSHIRE_VALLEY, "hello"));
        chat.complete();
        inbox.awaitAll(Duration.ofSeconds(20));
      }
    });
  }

  private Path policy(String... lines) throws IOException {
    Path file = Files.createTempFile(dir, "policy", ".csv");
    write(file, lines);
    return file;
  }

  private static void write(Path file, String... lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n");
  }

  private <T extends AutoCloseable> T closeAfter(T resource) {
    resources.add(resource);
    return resource;
  }
}
