package dev.routeguide.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.RouteNote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RouteChat under load: many concurrent chats, each seeing exactly its own history. */
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

  private static Point locationOf(int chat) {
    return Point.ofE7(100_000 + chat, -100_000 - chat);
  }
}
