package org.facteur.app;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Keeps Spring Boot from logging "Application run failed" and a stack trace when the start failed because a stop was
 * asked for during it (Spring's shutdown hook interrupted it): that is no failure, and {@link FacteurApplication} says
 * what happened in one sentence. Without it, whether the trace appeared depended on a race with the shutdown of the
 * logging system. Named in {@code META-INF/spring.factories}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class StoppedDuringStartReporter implements SpringBootExceptionReporter {
    @Override
    public boolean reportException(Throwable failure) {
        return StopDuringStart.stopAskedFor(); // true: reported (by FacteurApplication), nothing for Boot to log
    }
}
