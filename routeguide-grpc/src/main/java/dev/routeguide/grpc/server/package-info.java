/**
 * The server side: {@link dev.routeguide.grpc.server.RouteGuideService} is a {@code
 * BindableService} over any {@link dev.routeguide.core.RouteGuide}, with one call handler per
 * streaming RPC and one mapping of failures to statuses. Add it to any grpc-java server; it needs
 * no transport of its own. Run that server on a {@link dev.routeguide.grpc.server.TurnExecutor}
 * (as the ready-made one does) to have RouteChat's replies written in batches.
 *
 * <p>Null policy: no method accepts or returns {@code null} unless its javadoc says so; a null
 * argument raises {@link NullPointerException} whose message is the parameter's name.
 */
package dev.routeguide.grpc.server;
