package dev.routeguide.grpc;

import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import java.util.Objects;

/** A backend that hands every call to another; a test overrides the RPCs it changes. */
public abstract class ForwardingRouteGuide implements RouteGuide {

  protected final RouteGuide delegate;

  protected ForwardingRouteGuide(RouteGuide delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Feature getFeature(Point location) {
    return delegate.getFeature(location);
  }

  @Override
  public FeatureStream listFeatures(Rectangle area) {
    return delegate.listFeatures(area);
  }

  @Override
  public RouteRecording recordRoute() {
    return delegate.recordRoute();
  }

  @Override
  public RouteChat routeChat(NoteReceiver receiver) {
    return delegate.routeChat(receiver);
  }
}
