package org.facteur.app.admin;

import org.facteur.app.admin.api.AdminApiConfiguration;
import org.facteur.app.backup.BackupService;
import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.mailserver.FacteurMailServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the admin API in a child application context with its own web server on 127.0.0.1 (see
 * {@link AdminApiConfiguration}): it starts after the mail server, publishes its port for
 * {@code facteur admin}, and stops before the mail server.
 */
@Component
public class AdminServer implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final ApplicationContext parent;
    private final AdminToken token;
    private final MailServerLifecycle mail;
    private final BackupService backups;
    private volatile AnnotationConfigServletWebServerApplicationContext context;

    AdminServer(ApplicationContext parent, AdminToken token, MailServerLifecycle mail, BackupService backups) {
        this.parent = parent;
        this.token = token;
        this.mail = mail;
        this.backups = backups;
    }

    @Override
    public void start() {
        AnnotationConfigServletWebServerApplicationContext child = new AnnotationConfigServletWebServerApplicationContext();
        child.setParent(parent);
        child.setId(parent.getId() + ":admin");
        child.setServerNamespace("admin");
        child.register(AdminApiConfiguration.class);
        child.refresh();
        context = child;
        int port = child.getWebServer().getPort();
        token.publishEndpoint(port);
        LOG.info("Admin API on http://127.0.0.1:{} (token in the data directory's admin/token)", port);
    }

    /**
     * Cancels a backup being taken first (so that {@code facteur backup} is told why), then closes the web server
     * gracefully: requests under way finish and are answered.
     */
    @Override
    public void stop() {
        AnnotationConfigServletWebServerApplicationContext child = context;
        context = null;
        if (child != null) {
            backups.cancelCopies();
            mail.server().ifPresent(FacteurMailServer::cancelBackups);
            boolean interrupted = Thread.interrupted(); // else the graceful wait for requests under way ends at once
            try {
                child.close();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return context != null;
    }

    /** After the mail server (phase {@value MailServerLifecycle#PHASE}) so that the API never answers without it. */
    @Override
    public int getPhase() {
        return MailServerLifecycle.PHASE + 1;
    }

    /** The admin API's port, or -1 when it is not running. */
    public int port() {
        AnnotationConfigServletWebServerApplicationContext child = context;
        return child == null ? -1 : child.getWebServer().getPort();
    }
}
