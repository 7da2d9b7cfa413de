package dev.routeguide.examples.embedding;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The host application's interceptor: counts calls per full method name. Installed once on the
 * server, it sees the host's own calls and RouteGuide's alike.
 *
 * @since 0.1.0
 */
public final class CallCountingInterceptor implements ServerInterceptor {

  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    calls
        .computeIfAbsent(call.getMethodDescriptor().getFullMethodName(), name -> new LongAdder())
        .increment();
    return next.startCall(call, headers);
  }

  /** Calls seen so far for a full method name such as {@code routeguide.RouteGuide/GetFeature}. */
  public long callsTo(String fullMethodName) {
    LongAdder adder = calls.get(fullMethodName);
    return adder == null ? 0 : adder.sum();
  }
}
