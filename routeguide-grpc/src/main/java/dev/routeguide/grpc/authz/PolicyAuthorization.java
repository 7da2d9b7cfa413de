package dev.routeguide.grpc.authz;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.persist.file_adapter.FileAdapter;
import org.casbin.jcasbin.util.Util;

/**
 * Who may call what: a server interceptor that lets a call through only if a policy file allows
 * the caller's identity to call the method, and otherwise ends it with {@code PERMISSION_DENIED}
 * and a description naming both. Policies are evaluated by <a
 * href="https://casbin.org">jCasbin</a> with a fixed model (below); the policy file is reread when
 * it changes.
 *
 * <pre>{@code
 * RouteGuideServer.builder(guide)
 *     .tcp("0.0.0.0", 8443)
 *     .tls(chain, key)
 *     .requireClientCertificates(clientCa)
 *     .authorizationPolicy(Path.of("policy.csv"))
 *     .start();
 * }</pre>
 *
 * <p><b>Identity.</b> The subject distinguished name of the caller's TLS client certificate, in
 * RFC 2253 form ({@code CN=reader,O=Example}); {@code anonymous} for a caller without one
 * (plaintext, or TLS without a client certificate).
 *
 * <p><b>Policy file.</b> Casbin's CSV policy format, one rule a line; {@code #} starts a comment.
 * {@code p, SUBJECT, METHOD} allows SUBJECT to call METHOD; {@code g, IDENTITY, ROLE} gives an
 * identity a role that {@code p} rules may name. METHOD is a full method name such as {@code
 * /routeguide.RouteGuide/GetFeature} and may end in {@code *} ({@code /routeguide.RouteGuide/*}).
 * SUBJECT is an identity, a role, {@code *} (every caller, anonymous ones included) or {@code
 * authenticated} (every caller with a client certificate). A field holding a comma, as most
 * distinguished names with more than one part do, is written in double quotes. What no rule
 * allows is denied, on every service of the server (health and reflection included).
 *
 * <p><b>Reloading.</b> At most once per check interval (1 second by default), the first call
 * after it looks at the file's modification time and size; if they changed, the file is read
 * again. A file that no longer parses is logged at {@code WARNING} with the reason, and the last
 * good policy stays in force. Thread-safe.
 *
 * @since 0.2.0
 */
public final class PolicyAuthorization implements ServerInterceptor {

  /** The casbin model every policy file is read against. */
  static final String MODEL =
      String.join(
          "\n",
          "[request_definition]",
          "r = sub, obj",
          "[policy_definition]",
          "p = sub, obj",
          "[role_definition]",
          "g = _, _",
          "[policy_effect]",
          "e = some(where (p.eft == allow))",
          "[matchers]",
          "m = (p.sub == \"*\" || r.sub == p.sub || g(r.sub, p.sub)"
              + " || (p.sub == \"authenticated\" && r.sub != \"anonymous\"))"
              + " && keyMatch(r.obj, p.obj)");

  private static final Logger LOG = Logger.getLogger(PolicyAuthorization.class.getName());
  private static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);
  /** Decisions remembered per policy before the memory is cleared, bounding it. */
  private static final int MAX_REMEMBERED_DECISIONS = 10_000;

  private final Path file;
  private final long checkIntervalNanos;
  private final AtomicLong nextCheck;
  private volatile Policy policy;

  private PolicyAuthorization(Path file, Duration checkInterval, Policy policy) {
    this.file = file;
    this.checkIntervalNanos = checkInterval.toNanos();
    this.nextCheck = new AtomicLong(System.nanoTime() + checkIntervalNanos);
    this.policy = policy;
  }

  /**
   * Reads the policy file, checking it for changes every second.
   *
   * @throws InvalidPolicyException if the file cannot be read or a rule does not parse
   * @throws NullPointerException if file is null
   */
  public static PolicyAuthorization fromFile(Path file) throws InvalidPolicyException {
    return fromFile(file, DEFAULT_CHECK_INTERVAL);
  }

  /**
   * Reads the policy file, checking it for changes at most once per interval (zero: on every
   * call).
   *
   * @throws InvalidPolicyException if the file cannot be read or a rule does not parse
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if checkInterval is negative
   */
  public static PolicyAuthorization fromFile(Path file, Duration checkInterval)
      throws InvalidPolicyException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(checkInterval, "checkInterval");
    if (checkInterval.isNegative()) {
      throw new IllegalArgumentException("checkInterval must not be negative, was " + checkInterval);
    }
    return new PolicyAuthorization(file, checkInterval, Policy.read(file));
  }

  /**
   * Whether the policy now in force lets this identity call this full method name (such as
   * {@code /routeguide.RouteGuide/GetFeature}). Rereads the file first if it is due and changed.
   */
  public boolean allows(String identity, String fullMethodName) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(fullMethodName, "fullMethodName");
    reloadIfChanged();
    return policy.allows(identity, fullMethodName);
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String identity = CallerIdentity.of(call);
    String method = "/" + call.getMethodDescriptor().getFullMethodName();
    if (allows(identity, method)) {
      return next.startCall(call, headers);
    }
    call.close(
        Status.PERMISSION_DENIED.withDescription(
            identity + " is not allowed to call " + method + " by the authorization policy"),
        new Metadata());
    return new ServerCall.Listener<>() {};
  }

  @Override
  public String toString() {
    return "PolicyAuthorization[" + file + "]";
  }

  private void reloadIfChanged() {
    long now = System.nanoTime();
    long due = nextCheck.get();
    if (now - due < 0 || !nextCheck.compareAndSet(due, now + checkIntervalNanos)) {
      return; // not due, or another caller is checking
    }
    Policy current = policy;
    FileVersion version;
    try {
      version = FileVersion.of(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot check authorization policy " + file
          + " for changes; keeping the last good policy: " + e);
      return;
    }
    if (version.equals(current.version) || version.equals(current.rejected)) {
      return;
    }
    try {
      policy = Policy.read(file);
      LOG.info("reloaded authorization policy " + file);
    } catch (InvalidPolicyException e) {
      current.rejected = version;
      LOG.warning(e.getMessage() + "; keeping the last good policy");
    }
  }

  /** A file's modification time and size: what a change to it changes. */
  private record FileVersion(long modifiedNanos, long size) {
    static FileVersion of(Path file) throws IOException {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileVersion(
          attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
          attributes.size());
    }
  }

  /** One good reading of the file: an enforcer and the decisions it has made. */
  private static final class Policy {
    private final FileVersion version;
    private final Enforcer enforcer;
    private final Map<String, Boolean> decisions = new ConcurrentHashMap<>();
    /** The last version of the file that failed to parse, so it is not reread on every check. */
    private volatile FileVersion rejected;

    private Policy(FileVersion version, Enforcer enforcer) {
      this.version = version;
      this.enforcer = enforcer;
    }

    static Policy read(Path file) throws InvalidPolicyException {
      FileVersion version;
      String text;
      try {
        version = FileVersion.of(file);
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InvalidPolicyException(
            "authorization policy " + file + ": cannot read it: " + e.getMessage(), e);
      }
      String[] lines = text.split("\\R", -1);
      for (int i = 0; i < lines.length; i++) {
        String problem = problemWith(lines[i].strip());
        if (problem != null) {
          throw new InvalidPolicyException(
              "authorization policy " + file + ", line " + (i + 1) + ": " + problem, null);
        }
      }
      Enforcer enforcer;
      try {
        enforcer =
            new Enforcer(
                Model.newModelFromString(MODEL),
                new FileAdapter(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))),
                false);
      } catch (RuntimeException | Error e) { // casbin reports a bad file as an Error
        throw new InvalidPolicyException(
            "authorization policy " + file + " does not parse: " + e.getMessage(), e);
      }
      return new Policy(version, enforcer);
    }

    /** What is wrong with one line of a policy file, or null if it is a rule, blank or a comment. */
    private static String problemWith(String line) {
      if (line.isEmpty() || line.startsWith("#")) {
        return null;
      }
      String[] fields;
      try {
        fields = Util.splitCommaDelimited(line);
      } catch (RuntimeException e) {
        return "cannot split \"" + line + "\" into fields: " + e.getMessage();
      }
      String type = fields[0].strip();
      if (!type.equals("p") && !type.equals("g")) {
        return "unknown rule type \"" + type + "\" (expected p or g) in \"" + line + "\"";
      }
      if (fields.length != 3) {
        return type + " rule needs exactly 2 fields ("
            + (type.equals("p") ? "subject, method" : "identity, role") + "), got "
            + (fields.length - 1) + " in \"" + line + "\"";
      }
      for (int i = 1; i < fields.length; i++) {
        if (fields[i].isBlank()) {
          return "empty field " + i + " in \"" + line + "\"";
        }
      }
      if (type.equals("p") && !fields[2].strip().startsWith("/")) {
        return "method \"" + fields[2].strip()
            + "\" is not a full method name such as /routeguide.RouteGuide/GetFeature";
      }
      return null;
    }

    boolean allows(String identity, String method) {
      String key = identity + '\n' + method;
      Boolean decision = decisions.get(key);
      if (decision == null) {
        synchronized (enforcer) { // casbin does not promise concurrent enforce calls
          decision = enforcer.enforce(identity, method);
        }
        if (decisions.size() >= MAX_REMEMBERED_DECISIONS) {
          decisions.clear();
        }
        decisions.put(key, decision);
      }
      return decision;
    }
  }
}
