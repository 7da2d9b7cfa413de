package dev.routeguide.testing.contract;

import dev.routeguide.testing.RouteGuideContract;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The core contract suite run over gRPC: subclasses start a server on their transport and return
 * a client to it, registering what they open with {@link #closeAfterTest} so it is closed, newest
 * first, after each test. Invalid input surfaces as {@code INVALID_ARGUMENT} from the server, its
 * description starting with the field. Shared by every gRPC transport's and set-up's run.
 */
public abstract class RemoteRouteGuideContract extends RouteGuideContract {

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /** Closes the resource after the test, before anything registered earlier. */
  protected final <T extends AutoCloseable> T closeAfterTest(T resource) {
    resources.push(resource);
    return resource;
  }

  @Override
  protected final void disconnect() throws Exception {
    Exception failure = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
