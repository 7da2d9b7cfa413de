package dev.routeguide.grpc.bench;

import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.Rectangle;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.proto.RouteNote;
import dev.routeguide.grpc.proto.RouteSummary;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The reference design, as the tutorial servers ship it: a linear scan over a list of features for
 * GetFeature, ListFeatures and every RecordRoute point; {@code onNext} without looking at {@code
 * isReady()}; RouteChat history in a concurrent map of unbounded synchronised lists, kept
 * forever. Per-leg distances are truncated to whole metres and summed in an {@code int}, as in
 * grpc-java's example. A baseline to measure against, not code to ship.
 */
final class ReferenceRouteGuide extends RouteGuideGrpc.RouteGuideImplBase {

  static final String SERVICE_NAME = "routeguide.bench.Reference";

  private final Collection<Feature> features;
  private final ConcurrentMap<Point, List<RouteNote>> routeNotes = new ConcurrentHashMap<>();

  ReferenceRouteGuide(Collection<Feature> features) {
    this.features = features;
  }

  @Override
  public void getFeature(Point request, StreamObserver<Feature> responseObserver) {
    responseObserver.onNext(checkFeature(request));
    responseObserver.onCompleted();
  }

  @Override
  public void listFeatures(Rectangle request, StreamObserver<Feature> responseObserver) {
    int left = Math.min(request.getLo().getLongitude(), request.getHi().getLongitude());
    int right = Math.max(request.getLo().getLongitude(), request.getHi().getLongitude());
    int top = Math.max(request.getLo().getLatitude(), request.getHi().getLatitude());
    int bottom = Math.min(request.getLo().getLatitude(), request.getHi().getLatitude());
    for (Feature feature : features) {
      if (feature.getName().isEmpty()) {
        continue;
      }
      int lat = feature.getLocation().getLatitude();
      int lon = feature.getLocation().getLongitude();
      if (lon >= left && lon <= right && lat >= bottom && lat <= top) {
        responseObserver.onNext(feature);
      }
    }
    responseObserver.onCompleted();
  }

  @Override
  public StreamObserver<Point> recordRoute(StreamObserver<RouteSummary> responseObserver) {
    return new StreamObserver<>() {
      private int pointCount;
      private int featureCount;
      private int distance;
      private Point previous;
      private final long startTime = System.nanoTime();

      @Override
      public void onNext(Point point) {
        pointCount++;
        if (!checkFeature(point).getName().isEmpty()) {
          featureCount++;
        }
        if (previous != null) {
          distance += calcDistance(previous, point);
        }
        previous = point;
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startTime);
        responseObserver.onNext(
            RouteSummary.newBuilder()
                .setPointCount(pointCount)
                .setFeatureCount(featureCount)
                .setDistance(distance)
                .setElapsedTime((int) seconds)
                .build());
        responseObserver.onCompleted();
      }
    };
  }

  @Override
  public StreamObserver<RouteNote> routeChat(StreamObserver<RouteNote> responseObserver) {
    return new StreamObserver<>() {
      @Override
      public void onNext(RouteNote note) {
        List<RouteNote> notes = getOrCreateNotes(note.getLocation());
        for (RouteNote prevNote : notes.toArray(new RouteNote[0])) {
          responseObserver.onNext(prevNote);
        }
        notes.add(note);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        responseObserver.onCompleted();
      }
    };
  }

  private List<RouteNote> getOrCreateNotes(Point location) {
    List<RouteNote> notes = Collections.synchronizedList(new ArrayList<>());
    List<RouteNote> prevNotes = routeNotes.putIfAbsent(location, notes);
    return prevNotes != null ? prevNotes : notes;
  }

  private Feature checkFeature(Point location) {
    for (Feature feature : features) {
      if (feature.getLocation().getLatitude() == location.getLatitude()
          && feature.getLocation().getLongitude() == location.getLongitude()) {
        return feature;
      }
    }
    return Feature.newBuilder().setName("").setLocation(location).build();
  }

  private static int calcDistance(Point start, Point end) {
    int r = 6_371_000;
    double lat1 = Math.toRadians(start.getLatitude() / 1e7);
    double lat2 = Math.toRadians(end.getLatitude() / 1e7);
    double lon1 = Math.toRadians(start.getLongitude() / 1e7);
    double lon2 = Math.toRadians(end.getLongitude() / 1e7);
    double deltaLat = lat2 - lat1;
    double deltaLon = lon2 - lon1;
    double a =
        Math.sin(deltaLat / 2) * Math.sin(deltaLat / 2)
            + Math.cos(lat1) * Math.cos(lat2) * Math.sin(deltaLon / 2) * Math.sin(deltaLon / 2);
    double c = 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    return (int) (r * c);
  }
}
