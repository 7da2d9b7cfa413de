package dev.routeguide.redis;

import dev.routeguide.core.ResourceExhaustedException;
import dev.routeguide.core.UnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Redis side of the board: runs the posting script on a standalone or Cluster connection,
 * waits for no answer longer than the command timeout, and turns every failure into the core
 * failure a caller sees. It says "RouteChat degraded" in the log once when the store stops
 * answering and once that it recovered, not once per note.
 */
final class NoteStore {

  private static final Logger logger = Logger.getLogger(RedisNoteBoard.class.getName());
  private static final String SCRIPT = readScript();
  private static final String SCRIPT_SHA = sha1(SCRIPT);

  private final RedisClusterAsyncCommands<String, String> commands;
  private final String description;
  private final Duration commandTimeout;
  private final AtomicBoolean degraded = new AtomicBoolean();

  /**
   * @param commands a standalone or Cluster connection's asynchronous commands
   * @param description what the store is, for messages, e.g. "Redis at 127.0.0.1:6379"; never
   *     a password
   */
  NoteStore(
      RedisClusterAsyncCommands<String, String> commands,
      String description,
      Duration commandTimeout) {
    this.commands = commands;
    this.description = description;
    this.commandTimeout = commandTimeout;
  }

  String description() {
    return description;
  }

  Duration commandTimeout() {
    return commandTimeout;
  }

  /**
   * Runs the posting script: appends the message at the key, trims to the cap, refreshes the
   * expiry and publishes the entry on the channel, as one atomic step.
   *
   * @return the earlier entries, oldest first, then the new one
   */
  List<StoredNote> post(
      String key, String channel, String message, int cap, Duration idleExpiry) {
    String[] keys = {key};
    String[] args = {
      message, Integer.toString(cap), Long.toString(idleExpiry.toMillis()), channel
    };
    CompletableFuture<List<Object>> reply =
        commands
            .<List<Object>>evalsha(SCRIPT_SHA, ScriptOutputType.MULTI, keys, args)
            .toCompletableFuture()
            .exceptionallyCompose(
                failure ->
                    unwrap(failure) instanceof RedisNoScriptException
                        // Not cached on this server yet (new, restarted or failed over): EVAL
                        // runs the script and caches it, so the next EVALSHA finds it.
                        ? commands
                            .<List<Object>>eval(SCRIPT, ScriptOutputType.MULTI, keys, args)
                            .toCompletableFuture()
                        : CompletableFuture.failedFuture(failure));
    List<Object> entries = await(reply, "post");
    return entries.stream().map(entry -> StoredNote.decode((String) entry)).toList();
  }

  /**
   * Checks at start that the store answers, waiting for a connection that is still being set up.
   * A failure here is the caller's to report, not an outage to log.
   */
  void checkAnswers() {
    long deadline = System.nanoTime() + commandTimeout.toNanos();
    while (true) {
      try {
        commands.ping().toCompletableFuture()
            .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("interrupted while connecting to " + description, e);
      } catch (ExecutionException | TimeoutException e) {
        if (System.nanoTime() - deadline >= 0) {
          Throwable cause = e instanceof ExecutionException ? unwrap(e) : e;
          throw new UnavailableException("RouteChat note store unavailable: " + description
              + " did not answer a ping within " + commandTimeout.toMillis() + " ms ("
              + cause.getMessage() + ")", cause);
        }
        Thread.onSpinWait(); // a reconnect in progress: ask again until the deadline
      }
    }
  }

  /**
   * Waits for a reply at most the command timeout, then gives up on it.
   *
   * @throws UnavailableException if the store cannot be reached or does not answer in time
   * @throws ResourceExhaustedException if the store is out of memory ({@code maxmemory} reached
   *     under {@code noeviction})
   */
  <T> T await(CompletionStage<T> reply, String action) {
    CompletableFuture<T> future = reply.toCompletableFuture();
    try {
      T value = future.get(commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
      recovered();
      return value;
    } catch (TimeoutException e) {
      future.cancel(false);
      throw outage("did not answer a " + action + " within " + commandTimeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(false);
      throw new UnavailableException(
          "RouteChat note store " + description + ": interrupted while waiting for a " + action, e);
    } catch (ExecutionException e) {
      throw failure(unwrap(e), action);
    }
  }

  /** Tells the log the store is gone (once per outage) and returns the caller's exception. */
  UnavailableException outage(String reason, Throwable cause) {
    UnavailableException unavailable =
        new UnavailableException(
            "RouteChat note store unavailable: " + description + " " + reason, cause);
    if (degraded.compareAndSet(false, true)) {
      logger.log(
          Level.WARNING,
          "RouteChat degraded: {0}; the other RPCs keep working, and RouteChat recovers by itself"
              + " once the store answers",
          unavailable.getMessage());
    }
    return unavailable;
  }

  private void recovered() {
    if (degraded.compareAndSet(true, false)) {
      logger.log(Level.INFO, "RouteChat recovered: note store {0} answers again", description);
    }
  }

  private RuntimeException failure(Throwable cause, String action) {
    if (cause instanceof RedisCommandTimeoutException) {
      return outage("did not answer a " + action + " within " + commandTimeout.toMillis() + " ms",
          cause);
    }
    if (cause instanceof RedisCommandExecutionException refused) {
      String reply = String.valueOf(refused.getMessage());
      // Redis 7 refuses the script itself with OOM; Redis 6.2 runs it and fails the write inside
      // ("ERR Error running script ...: -OOM command not allowed ...").
      if (reply.startsWith("OOM") || reply.contains("-OOM ")) {
        return new ResourceExhaustedException(
            "RouteChat note store " + description + " is full (its maxmemory is reached): "
                + reply, cause);
      }
      return outage("refused a " + action + ": " + reply, cause);
    }
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
        : cause.getMessage();
    return outage("is unreachable (" + detail + ")", cause);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String readScript() {
    try (InputStream in = NoteStore.class.getResourceAsStream("post-note.lua")) {
      if (in == null) {
        throw new IllegalStateException("post-note.lua is missing from routeguide-redis");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String script) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
  }
}
