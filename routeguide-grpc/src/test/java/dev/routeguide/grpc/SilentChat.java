package dev.routeguide.grpc;

import dev.routeguide.core.RouteChat;
import dev.routeguide.core.notes.RouteNote;

/** A backend chat that answers nothing and ignores how it ends; a test overrides what it needs. */
public class SilentChat implements RouteChat {
  @Override
  public void send(RouteNote note) {}

  @Override
  public void complete() {}

  @Override
  public void cancel() {}

  @Override
  public void close() {}
}
