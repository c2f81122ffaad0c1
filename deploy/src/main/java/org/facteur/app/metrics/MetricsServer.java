package org.facteur.app.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.facteur.app.NodeName;
import org.facteur.app.mail.MailServerLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.MultiCollector;

/**
 * {@code GET /metrics} in Prometheus text format on its own listener (loopback by default), started right after the
 * mail server so that James's meters are published with Facteur's and the JVM's. Nothing else is served there.
 */
@Component
public class MetricsServer implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MetricsProperties properties;
    private final PrometheusMeterRegistry registry;
    private final MailServerLifecycle mailServer;
    private volatile HttpServer http;
    private ExecutorService executor;
    private boolean jamesPublished;

    private final String nodeName;

    public MetricsServer(MetricsProperties properties, PrometheusMeterRegistry registry, MailServerLifecycle mailServer,
                         @Value("${" + NodeName.PROPERTY + ":}") String nodeName) {
        this.properties = properties;
        this.nodeName = nodeName;
        this.registry = registry;
        this.mailServer = mailServer;
    }

    @Override
    public void start() {
        if (!jamesPublished) {
            mailServer.server().ifPresent(server -> {
                MultiCollector james = new DropwizardExports(JamesMeters.prefixed(server.jamesMetrics()));
                registry.getPrometheusRegistry().register(nodeName.isEmpty() ? james : new NodeLabelled(james, nodeName));
            });
            jamesPublished = true;
        }
        if (!properties.enabled()) {
            LOG.info("Metrics listener off (FACTEUR_METRICS_PORT=0)");
            return;
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(properties.bind(), properties.port()), 16);
            executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("metrics-http").daemon().factory());
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
            http = server;
            LOG.info("Metrics at http://{}:{}/metrics", properties.bind(), server.getAddress().getPort());
        } catch (IOException e) {
            throw new IllegalStateException("The metrics listener could not start on " + properties.bind() + ":"
                    + properties.port() + " (" + e.getMessage() + "); set FACTEUR_METRICS_PORT to a free port, or 0 to turn it off", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"/metrics".equals(path)) {
                reply(exchange, 404, "text/plain; charset=utf-8", "Only /metrics is served here.\n");
            } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405, "text/plain; charset=utf-8", "/metrics answers GET only.\n");
            } else {
                reply(exchange, 200, CONTENT_TYPE, registry.scrape());
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void stop() {
        HttpServer server = http;
        http = null;
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return http != null;
    }

    /** Right after the mail server, before the public web server. */
    @Override
    public int getPhase() {
        return MailServerLifecycle.PHASE + 1;
    }
}
