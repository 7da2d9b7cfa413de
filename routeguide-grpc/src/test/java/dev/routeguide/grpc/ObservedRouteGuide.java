package dev.routeguide.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.RouteSummary;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link RouteGuide} decorator that lets tests watch what the service does with its backend:
 * how many features it pulled and whether it closed the stream, how each recording and chat
 * ended. No production hook is needed; every wait has a generous time limit.
 */
final class ObservedRouteGuide implements RouteGuide {

  static final long TIMEOUT_SECONDS = 10;

  private final RouteGuide delegate;
  private final BlockingQueue<ObservedFeatureStream> featureStreams = new LinkedBlockingQueue<>();
  private final BlockingQueue<ObservedRecording> recordings = new LinkedBlockingQueue<>();
  private final BlockingQueue<ObservedChat> chats = new LinkedBlockingQueue<>();
  private final AtomicLong repliesDelivered = new AtomicLong();

  ObservedRouteGuide(RouteGuide delegate) {
    this.delegate = delegate;
  }

  @Override
  public Feature getFeature(Point location) {
    return delegate.getFeature(location);
  }

  @Override
  public FeatureStream listFeatures(Rectangle area) {
    ObservedFeatureStream stream = new ObservedFeatureStream(delegate.listFeatures(area));
    featureStreams.add(stream);
    return stream;
  }

  @Override
  public RouteRecording recordRoute() {
    ObservedRecording recording = new ObservedRecording(delegate.recordRoute());
    recordings.add(recording);
    return recording;
  }

  @Override
  public RouteChat routeChat(NoteReceiver receiver) {
    ObservedChat chat = new ObservedChat(delegate.routeChat(new NoteReceiver() {
      @Override
      public void onNote(RouteNote note) {
        receiver.onNote(note);
        repliesDelivered.incrementAndGet();
      }

      @Override
      public void onLiveNote(RouteNote note) {
        receiver.onLiveNote(note);
      }

      @Override
      public void onCompleted() {
        receiver.onCompleted();
      }

      @Override
      public void onError(Throwable error) {
        receiver.onError(error);
      }
    }));
    chats.add(chat);
    return chat;
  }

  /** Replies (not live notes) the backend has handed to the service's chats so far. */
  long repliesDelivered() {
    return repliesDelivered.get();
  }

  /** Waits for the next ListFeatures stream the service opens. */
  ObservedFeatureStream nextFeatureStream() throws InterruptedException {
    return take(featureStreams, "a ListFeatures stream");
  }

  /** Waits for the next RecordRoute recording the service starts. */
  ObservedRecording nextRecording() throws InterruptedException {
    return take(recordings, "a RecordRoute recording");
  }

  /** Waits for the next RouteChat the service opens. */
  ObservedChat nextChat() throws InterruptedException {
    return take(chats, "a RouteChat");
  }

  private static <T> T take(BlockingQueue<T> queue, String what) throws InterruptedException {
    T next = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertThat(next).as(what + " opened in time").isNotNull();
    return next;
  }

  private static void await(CountDownLatch latch, String what) throws InterruptedException {
    assertThat(latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as(what).isTrue();
  }

  /** How a handle ended, as the service left it. */
  enum Ending {
    FINISHED,
    COMPLETED,
    CANCELLED
  }

  static final class ObservedFeatureStream implements FeatureStream {
    private final FeatureStream delegate;
    private final AtomicLong pulled = new AtomicLong();
    private final AtomicLong pulledAfterClose = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);

    ObservedFeatureStream(FeatureStream delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean hasNext() {
      return delegate.hasNext();
    }

    @Override
    public Feature next() {
      if (closed.getCount() == 0) {
        pulledAfterClose.incrementAndGet();
      }
      Feature feature = delegate.next();
      pulled.incrementAndGet();
      return feature;
    }

    @Override
    public void close() {
      closed.countDown();
      delegate.close();
    }

    /** Features the service has taken from this stream so far. */
    long pulled() {
      return pulled.get();
    }

    /** Features taken after the service closed the stream: always a bug. */
    long pulledAfterClose() {
      return pulledAfterClose.get();
    }

    boolean isClosed() {
      return closed.getCount() == 0;
    }

    void awaitClosed() throws InterruptedException {
      await(closed, "the service closed the feature stream in time");
    }
  }

  static final class ObservedRecording implements RouteRecording {
    private final RouteRecording delegate;
    private final Semaphore sent = new Semaphore(0);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<Ending> ending = new AtomicReference<>();

    ObservedRecording(RouteRecording delegate) {
      this.delegate = delegate;
    }

    @Override
    public void send(Point point) {
      delegate.send(point);
      sent.release();
    }

    @Override
    public RouteSummary finish() {
      RouteSummary summary = delegate.finish();
      end(Ending.FINISHED);
      return summary;
    }

    @Override
    public void cancel() {
      delegate.cancel();
      end(Ending.CANCELLED);
    }

    private void end(Ending how) {
      ending.compareAndSet(null, how);
      ended.countDown();
    }

    void awaitSent(int points) throws InterruptedException {
      assertThat(sent.tryAcquire(points, TIMEOUT_SECONDS, TimeUnit.SECONDS))
          .as(points + " points reached the backend in time")
          .isTrue();
    }

    /** Waits for the first ending the service gave this recording. */
    Ending awaitEnding() throws InterruptedException {
      await(ended, "the service ended the recording in time");
      return ending.get();
    }
  }

  static final class ObservedChat implements RouteChat {
    private final RouteChat delegate;
    private final Semaphore sent = new Semaphore(0);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<Ending> ending = new AtomicReference<>();

    ObservedChat(RouteChat delegate) {
      this.delegate = delegate;
    }

    @Override
    public void send(RouteNote note) {
      delegate.send(note);
      sent.release();
    }

    @Override
    public void complete() {
      delegate.complete();
      end(Ending.COMPLETED);
    }

    @Override
    public void cancel() {
      delegate.cancel();
      end(Ending.CANCELLED);
    }

    @Override
    public void close() {
      delegate.close();
    }

    private void end(Ending how) {
      ending.compareAndSet(null, how);
      ended.countDown();
    }

    /** Notes the service has sent to this chat so far and not yet awaited. */
    int sentSoFar() {
      return sent.availablePermits();
    }

    void awaitSent(int notes) throws InterruptedException {
      assertThat(sent.tryAcquire(notes, TIMEOUT_SECONDS, TimeUnit.SECONDS))
          .as(notes + " notes reached the backend in time")
          .isTrue();
    }

    /** Waits for the first ending the service gave this chat. */
    Ending awaitEnding() throws InterruptedException {
      await(ended, "the service ended the chat in time");
      return ending.get();
    }
  }
}
