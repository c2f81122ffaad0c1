package org.facteur.webmail.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * In front of the shared session store's filter: while Redis does not answer, a page that needs the session gets
 * {@code 503} with a sentence and {@code Retry-After}, not a stack trace or a blank 500; mail is not affected. One
 * warning a minute at most in the log.
 */
final class SessionStoreDown implements Filter {
    static final String SENTENCE = "The webmail cannot reach its session store (Redis) right now. Your mail is safe: "
            + "try again in a minute.";
    private static final Logger LOG = LoggerFactory.getLogger(SessionStoreDown.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException e) {
            answer(response, storeFailure(e).orElseThrow(() -> e));
        } catch (ServletException e) {
            answer(response, storeFailure(e).orElseThrow(() -> e));
        }
    }

    /** The Redis failure somewhere in {@code e}'s causes (Spring wraps it more than once on some paths). */
    static java.util.Optional<DataAccessException> storeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessException d) {
                return java.util.Optional.of(d);
            }
        }
        return java.util.Optional.empty();
    }

    private void answer(ServletResponse response, DataAccessException e) throws IOException {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("Webmail sessions: Redis does not answer ({}); pages that need a session get 503", e.getMessage());
        }
        if (response.isCommitted()) {
            return;
        }
        HttpServletResponse http = (HttpServletResponse) response;
        http.resetBuffer();
        http.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        http.setHeader("Retry-After", "60");
        http.setContentType("text/plain; charset=UTF-8");
        http.getOutputStream().write(SENTENCE.getBytes(StandardCharsets.UTF_8));
    }
}
