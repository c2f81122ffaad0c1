package org.facteur.mailserver.login;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;

/**
 * {@link AttemptCounters} in Redis, through Lettuce, so that several Facteur nodes share them. Every key is
 * {@code prefix + key} (Facteur uses {@code facteur:}, so login counters are {@code facteur:login:…}).
 *
 * <p>{@link #add} is one Lua script, so the increment and the expiry are atomic: {@code INCRBY}, then
 * {@code PEXPIRE} only when the key has no expiry yet (it was just created: a fixed window from the first
 * increment), and {@code DEL} when the value falls to 0 or below.
 *
 * <p>Callers may be Netty event-loop threads (James answers SMTP AUTH on them), so a call never waits long:
 * each command gives up after {@link #COMMAND_TIMEOUT}, a command sent while the connection is down fails at
 * once instead of being queued, and connecting happens in the background (Lettuce reconnects by itself; a
 * connection that could not be made at start is tried again at most every {@link #CONNECT_RETRY}). A failure
 * is thrown as {@link CountersUnavailableException}; {@link LocalFallbackAttemptCounters} decides what follows.
 */
public final class RedisAttemptCounters implements AttemptCounters {
    /** Redis on the same network answers in well under a millisecond; this leaves room for a busy machine. */
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration CONNECT_RETRY = Duration.ofSeconds(5);

    static final String ADD_SCRIPT = """
            local value = redis.call('INCRBY', KEYS[1], ARGV[1])
            if value <= 0 then
              redis.call('DEL', KEYS[1])
              return 0
            end
            if redis.call('PTTL', KEYS[1]) < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return value
            """;

    private final RedisUri uri;
    private final String prefix;
    private final RedisClient client;
    private final String addScriptSha;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextConnectAttempt;
    private volatile String startFailure = "";

    private RedisAttemptCounters(RedisUri uri, String prefix) {
        this.uri = uri;
        this.prefix = prefix;
        this.client = RedisClient.create(lettuceUri());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(CONNECT_TIMEOUT))
                .build());
        this.addScriptSha = sha1(ADD_SCRIPT);
    }

    /**
     * Counters under {@code prefix} in the Redis at {@code uri}. Tries to connect once, on the calling thread
     * (start-up); when Redis does not answer, the counters are created anyway and connect later.
     */
    public static RedisAttemptCounters open(RedisUri uri, String prefix) {
        RedisAttemptCounters counters = new RedisAttemptCounters(uri, prefix);
        try {
            counters.connection = counters.client.connect(StringCodec.UTF8);
        } catch (RuntimeException e) {
            counters.startFailure = counters.unavailable(e).getMessage();
            counters.nextConnectAttempt = System.nanoTime() + CONNECT_RETRY.toNanos();
        }
        return counters;
    }

    public RedisUri uri() {
        return uri;
    }

    /** Why the connection at start failed (without any password), or empty when it did not. */
    public String startFailure() {
        return startFailure;
    }

    /** Whether a connection to Redis is open now. */
    public boolean connected() {
        StatefulRedisConnection<String, String> c = connection;
        return c != null && c.isOpen();
    }

    @Override
    public long add(String key, long delta, Duration ttl) {
        String[] keys = {prefix + key};
        String millis = Long.toString(Math.max(1, ttl.toMillis()));
        RedisAsyncCommands<String, String> redis = commands();
        Long value;
        try {
            value = await(redis.evalsha(addScriptSha, ScriptOutputType.INTEGER, keys, Long.toString(delta), millis));
        } catch (RedisNoScriptException e) {
            // This Redis has not seen the script yet (or restarted): send it once in full; later calls use its digest.
            value = await(redis.eval(ADD_SCRIPT, ScriptOutputType.INTEGER, keys, Long.toString(delta), millis));
        }
        return value == null ? 0 : value;
    }

    @Override
    public long get(String key) {
        String value = await(commands().get(prefix + key));
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return 0; // not written by Facteur: counts as nothing rather than failing every login
        }
    }

    @Override
    public void delete(String key) {
        await(commands().del(prefix + key));
    }

    /**
     * The command's result within {@link #COMMAND_TIMEOUT}. An interrupt of the calling thread does not cut the
     * wait short (the flag is kept for the caller): James's IMAP workers may carry a stale one from a cancelled
     * command, and a login check must not count that as Redis failing.
     */
    private <T> T await(RedisFuture<T> future) {
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RedisNoScriptException noScript) {
                        throw noScript;
                    }
                    throw unavailable(e.getCause() == null ? e : e.getCause());
                } catch (TimeoutException e) {
                    future.cancel(false);
                    throw unavailable(new TimeoutException("no answer within " + COMMAND_TIMEOUT.toMillis() + " ms"));
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private RedisAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            return c.async();
        }
        connectInBackground();
        throw new CountersUnavailableException("not connected to Redis at " + uri + " yet");
    }

    /** Starts one connection attempt without waiting for it, at most every {@link #CONNECT_RETRY}. */
    private void connectInBackground() {
        if (System.nanoTime() - nextConnectAttempt < 0 || !connecting.compareAndSet(false, true)) {
            return;
        }
        nextConnectAttempt = System.nanoTime() + CONNECT_RETRY.toNanos();
        client.connectAsync(StringCodec.UTF8, lettuceUri()).whenComplete((c, error) -> {
            if (c != null) {
                connection = c;
            }
            connecting.set(false);
        });
    }

    /** Lettuce's URI timeout bounds connecting (and its handshake), in the background; {@link #await} bounds commands. */
    private RedisURI lettuceUri() {
        RedisURI lettuceUri = uri.toLettuce();
        lettuceUri.setTimeout(CONNECT_TIMEOUT);
        return lettuceUri;
    }

    private CountersUnavailableException unavailable(Throwable e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String password = uri.password();
        if (!password.isEmpty()) {
            reason = reason.replace(password, "***");
        }
        return new CountersUnavailableException("Redis at " + uri + " did not answer: " + reason);
    }

    private static String sha1(String script) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
