package org.facteur.app.metrics;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every request of the public HTTP server (webmail, health, Web Key Directory) by method and status class;
 * paths are left out so that a visitor cannot make new series appear.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HttpRequestMetricsFilter extends OncePerRequestFilter {
    private final MeterRegistry registry;

    public HttpRequestMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            Timer.builder("facteur.http.requests").description("Requests to the public HTTP server (webmail, health, WKD)")
                    .tag("method", method(request.getMethod())).tag("status", (response.getStatus() / 100) + "xx")
                    .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private static String method(String method) {
        return switch (method) {
            case "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH" -> method;
            default -> "other";
        };
    }
}
