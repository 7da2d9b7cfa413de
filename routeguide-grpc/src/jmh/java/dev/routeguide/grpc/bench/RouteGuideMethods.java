package dev.routeguide.grpc.bench;

import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.Rectangle;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.proto.RouteNote;
import dev.routeguide.grpc.proto.RouteSummary;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;

/**
 * The four RouteGuide methods under a given service name, so that the floor, the reference-style
 * service and ours can share one server and one channel: same shapes, same message types and
 * marshallers, different paths.
 */
record RouteGuideMethods(
    String serviceName,
    MethodDescriptor<Point, Feature> getFeature,
    MethodDescriptor<Rectangle, Feature> listFeatures,
    MethodDescriptor<Point, RouteSummary> recordRoute,
    MethodDescriptor<RouteNote, RouteNote> routeChat) {

  /** The methods of the real service, {@code routeguide.RouteGuide}. */
  static final RouteGuideMethods ROUTE_GUIDE = named(RouteGuideGrpc.SERVICE_NAME);

  static RouteGuideMethods named(String serviceName) {
    return new RouteGuideMethods(
        serviceName,
        rename(RouteGuideGrpc.getGetFeatureMethod(), serviceName),
        rename(RouteGuideGrpc.getListFeaturesMethod(), serviceName),
        rename(RouteGuideGrpc.getRecordRouteMethod(), serviceName),
        rename(RouteGuideGrpc.getRouteChatMethod(), serviceName));
  }

  /** The service's methods, served under this set's service name. */
  ServerServiceDefinition bind(BindableService service) {
    ServerServiceDefinition original = service.bindService();
    if (original.getServiceDescriptor().getName().equals(serviceName)) {
      return original;
    }
    ServerServiceDefinition.Builder renamed = ServerServiceDefinition.builder(serviceName);
    for (ServerMethodDefinition<?, ?> method : original.getMethods()) {
      addRenamed(renamed, method);
    }
    return renamed.build();
  }

  private <ReqT, RespT> void addRenamed(
      ServerServiceDefinition.Builder builder, ServerMethodDefinition<ReqT, RespT> method) {
    builder.addMethod(
        rename(method.getMethodDescriptor(), serviceName), method.getServerCallHandler());
  }

  private static <ReqT, RespT> MethodDescriptor<ReqT, RespT> rename(
      MethodDescriptor<ReqT, RespT> method, String serviceName) {
    return method.toBuilder()
        .setFullMethodName(
            MethodDescriptor.generateFullMethodName(serviceName, method.getBareMethodName()))
        .build();
  }
}
