package dev.routeguide.grpc.transport;

import io.grpc.Attributes;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds each connection to at most a number of open calls, counted per transport. HTTP/2's {@code
 * SETTINGS_MAX_CONCURRENT_STREAMS} alone does not: a server may only rely on it once the client
 * has acknowledged the SETTINGS frame, so a client that sends its streams first (or never
 * acknowledges) could open any number. A call beyond the limit ends at once with {@code
 * RESOURCE_EXHAUSTED}; well-behaved clients never see it, since they queue calls beyond the
 * advertised limit themselves.
 */
final class ConnectionCallLimit {

  private static final Attributes.Key<AtomicInteger> OPEN_CALLS =
      Attributes.Key.create("routeguide.openCallsOnConnection");

  private final int maxCalls;

  ConnectionCallLimit(int maxCalls) {
    this.maxCalls = maxCalls;
  }

  /** Gives every new connection its own counter of open calls. */
  ServerTransportFilter transportFilter() {
    return new ServerTransportFilter() {
      @Override
      public Attributes transportReady(Attributes transportAttrs) {
        return transportAttrs.toBuilder().set(OPEN_CALLS, new AtomicInteger()).build();
      }
    };
  }

  /** Counts each call against its connection's counter, refusing those beyond the limit. */
  ServerInterceptor interceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        AtomicInteger open = call.getAttributes().get(OPEN_CALLS);
        if (open == null) {
          return next.startCall(call, headers);
        }
        if (open.incrementAndGet() > maxCalls) {
          open.decrementAndGet();
          call.close(
              Status.RESOURCE_EXHAUSTED.withDescription(
                  "more than " + maxCalls + " concurrent calls on this connection"
                      + " (maxConcurrentCallsPerConnection)"),
              new Metadata());
          return new ServerCall.Listener<>() {};
        }
        AtomicBoolean ended = new AtomicBoolean();
        Runnable release = () -> {
          if (ended.compareAndSet(false, true)) {
            open.decrementAndGet();
          }
        };
        try {
          return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            @Override
            public void onComplete() {
              release.run();
              super.onComplete();
            }

            @Override
            public void onCancel() {
              release.run();
              super.onCancel();
            }
          };
        } catch (RuntimeException | Error e) {
          release.run();
          throw e;
        }
      }
    };
  }
}
