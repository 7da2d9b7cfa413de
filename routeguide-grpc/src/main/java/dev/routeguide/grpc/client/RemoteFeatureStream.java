package dev.routeguide.grpc.client;

import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.features.Feature;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The client's side of one ListFeatures call: a blocking gRPC iterator, which asks the server for
 * one message at a time, wrapped as a {@link FeatureStream}. The call runs in its own cancellable
 * {@link Context}, so that {@link #close()} cancels it. Not thread-safe, as the interface says.
 */
final class RemoteFeatureStream implements FeatureStream {

  private final Iterator<dev.routeguide.grpc.proto.Feature> responses;
  private final Context.CancellableContext context;
  private boolean closed;

  RemoteFeatureStream(
      Iterator<dev.routeguide.grpc.proto.Feature> responses, Context.CancellableContext context) {
    this.responses = responses;
    this.context = context;
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    try {
      if (responses.hasNext()) {
        return true;
      }
    } catch (StatusRuntimeException e) {
      close();
      throw RouteGuideStatusException.from(e);
    }
    close();
    return false;
  }

  @Override
  public Feature next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more features: the stream has ended or was closed");
    }
    dev.routeguide.grpc.proto.Feature message = responses.next();
    try {
      return RouteGuideStatusException.decode(ProtoMapper::fromProto, message);
    } catch (RouteGuideStatusException invalid) {
      close();
      throw invalid;
    }
  }

  /** Cancels the call if it is still running; idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      context.cancel(null);
    }
  }
}
