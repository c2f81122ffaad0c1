package org.facteur.app;

import java.util.HashMap;
import java.util.Map;

import org.facteur.app.config.FacteurProperties;
import org.facteur.app.config.PublishedProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The one Facteur process: embedded mail server, webmail, health and the Web Key Directory on the public
 * HTTP server. The admin API is not part of this context: it lives in a child context with its own
 * loopback web server ({@code admin.api}, started by {@code AdminServer}), hence the exclusion below.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.facteur\\.app\\.admin\\.api\\..*")})
@EnableConfigurationProperties({FacteurProperties.class, PublishedProperties.class})
public class FacteurApplication {
    /**
     * Starts Facteur, or exits with status 1 when it cannot start (a port already in use, a bad setting): Spring has
     * logged why by then, but threads the half-started mail server left behind would otherwise keep the process alive
     * without serving anything, and systemd or a container runtime would take it for a running server.
     */
    public static void run(String[] args) {
        SpringApplication app = new SpringApplication(FacteurApplication.class);
        app.setRegisterShutdownHook(true);
        Map<String, Object> defaults = new HashMap<>(LogFormat.fromEnvironment(System.getenv("FACTEUR_LOG_FORMAT")).springProperties());
        defaults.putAll(NodeName.fromEnvironment(System.getenv("FACTEUR_NODE_NAME")).springProperties());
        app.setDefaultProperties(defaults);
        try {
            app.run(args);
        } catch (RuntimeException | Error e) {
            System.err.println("Facteur did not start: " + rootMessage(e));
            System.exit(1);
        }
    }

    /** The innermost cause's message: "Address already in use" rather than Spring's wrapping. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : message + " (" + e.getMessage() + ")";
    }
}
