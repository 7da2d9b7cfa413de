package dev.routeguide.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.ObservedRouteGuide.ObservedChat;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RouteChat under load and under a client that does not read its replies. */
class RouteChatConcurrencyTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int CHATS = 200;
  private static final int NOTES_PER_CHAT = 5;

  private InProcessServer server;
  private ExecutorService senders;

  @AfterEach
  void shutDown() throws InterruptedException {
    if (senders != null) {
      senders.shutdownNow();
      assertThat(senders.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void twoHundredConcurrentChatsAtDistinctLocationsEachSeeExactlyTheirOwnHistory()
      throws Exception {
    server =
        InProcessServer.serving(
            LocalRouteGuide.of(FeatureCatalogue.empty()), InProcessServer.Executor.POOLED);
    RouteGuideClient client = RouteGuideClient.over(server.channel());
    senders = Executors.newFixedThreadPool(16);

    List<NoteInbox> inboxes = new ArrayList<>();
    List<RouteChat> chats = new ArrayList<>();
    for (int i = 0; i < CHATS; i++) {
      NoteInbox inbox = new NoteInbox();
      inboxes.add(inbox);
      chats.add(client.routeChat(inbox));
    }
    // Every chat is open before any sends, so all 200 streams run at once.
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> sending = new ArrayList<>();
    for (int i = 0; i < CHATS; i++) {
      RouteChat chat = chats.get(i);
      Point location = locationOf(i);
      int chatIndex = i;
      sending.add(
          senders.submit(
              () -> {
                go.await();
                for (int n = 0; n < NOTES_PER_CHAT; n++) {
                  chat.send(RouteNote.at(location, chatIndex + "/" + n));
                }
                chat.complete();
                return null;
              }));
    }
    go.countDown();
    for (Future<?> future : sending) {
      future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    for (int i = 0; i < CHATS; i++) {
      // Note n is answered with notes 0..n-1 of the same chat: 0, then 0, then 0 1, ...
      List<String> expected = new ArrayList<>();
      for (int n = 1; n < NOTES_PER_CHAT; n++) {
        for (int earlier = 0; earlier < n; earlier++) {
          expected.add(i + "/" + earlier);
        }
      }
      Point location = locationOf(i);
      List<RouteNote> replies = inboxes.get(i).awaitAll(TIMEOUT);
      assertThat(replies).as("chat %d", i).allMatch(note -> note.location().equals(location));
      assertThat(replies)
          .extracting(RouteNote::message)
          .as("chat %d", i)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void readsNoMoreNotesFromAClientThatDoesNotReadItsReplies() throws Exception {
    ObservedRouteGuide backend =
        new ObservedRouteGuide(LocalRouteGuide.of(FeatureCatalogue.empty()));
    // Direct executors run every step on this thread, so "what could happen has happened".
    server = InProcessServer.serving(backend, InProcessServer.Executor.DIRECT);
    AtomicReference<ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote>> call =
        new AtomicReference<>();
    RecordingObserver<dev.routeguide.grpc.proto.RouteNote> replies = new RecordingObserver<>();
    RouteGuideGrpc.newStub(server.channel())
        .routeChat(
            new ClientResponseObserver<
                dev.routeguide.grpc.proto.RouteNote, dev.routeguide.grpc.proto.RouteNote>() {
              @Override
              public void beforeStart(
                  ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> requests) {
                requests.disableAutoRequestWithInitial(0);
                call.set(requests);
              }

              @Override
              public void onNext(dev.routeguide.grpc.proto.RouteNote note) {
                replies.onNext(note);
              }

              @Override
              public void onError(Throwable t) {
                replies.onError(t);
              }

              @Override
              public void onCompleted() {
                replies.onCompleted();
              }
            });
    ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> requests = call.get();
    dev.routeguide.grpc.proto.Point here = WireValues.point(3, 3);
    int notes = 50;
    for (int n = 0; n < notes; n++) {
      requests.onNext(WireValues.note(here, "note " + n)); // ignoring isReady on purpose
    }
    requests.onCompleted();

    ObservedChat chat = backend.nextChat();
    assertThat(chat.sentSoFar()).isLessThanOrEqualTo(2);

    // Once the client reads, the server catches up: note n is answered with its n predecessors.
    requests.request(Integer.MAX_VALUE);
    assertThat(replies.awaitCompletion()).hasSize(notes * (notes - 1) / 2);
    assertThat(chat.sentSoFar()).isEqualTo(notes);
  }

  private static Point locationOf(int chat) {
    return Point.ofE7(100_000 + chat, -100_000 - chat);
  }
}
