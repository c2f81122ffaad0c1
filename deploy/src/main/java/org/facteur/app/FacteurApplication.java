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
    /** What a stop during the start prints (a compile-time constant, so that tests of the packaged jar can name it). */
    static final String STOPPED_WHILE_STARTING = "Facteur stopped before it had finished starting, as asked (Ctrl-C or "
            + "a stop signal); ./facteur start starts it again.";

    /**
     * Starts Facteur, or exits with status 1 when it cannot start (a port already in use, a bad setting): Spring has
     * logged why by then, but threads the half-started mail server left behind would otherwise keep the process alive
     * without serving anything, and systemd or a container runtime would take it for a running server. A stop asked
     * for during the start ends it with a sentence saying so ({@link StopDuringStart}).
     */
    public static void run(String[] args) {
        SpringApplication app = new SpringApplication(FacteurApplication.class);
        app.setRegisterShutdownHook(true);
        Map<String, Object> defaults = new HashMap<>(LogFormat.fromEnvironment(System.getenv("FACTEUR_LOG_FORMAT")).springProperties());
        defaults.putAll(NodeName.fromEnvironment(System.getenv("FACTEUR_NODE_NAME")).springProperties());
        app.setDefaultProperties(defaults);
        StopDuringStart stopDuringStart = StopDuringStart.watch();
        try {
            app.run(args);
        } catch (RuntimeException | Error e) {
            if (StopDuringStart.stopAskedFor()) {
                // Not System.exit: it would wait for the shutdown under way forever. The process ends with the
                // signal's status (130 for Ctrl-C, 143 for SIGTERM) once the shutdown hooks have run.
                System.err.println(STOPPED_WHILE_STARTING);
                return;
            }
            System.err.println("Facteur did not start: " + rootMessage(e));
            stopDuringStart.startEnded(); // before System.exit, which runs the hooks and never returns
            System.exit(1);
        } finally {
            stopDuringStart.startEnded();
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
