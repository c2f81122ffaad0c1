package org.facteur.app.mail;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.MailServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who just started Facteur where to connect and, on a fresh install, what to do next. */
@Component
class StartupBanner implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);
    static final String ROOT_WARNING = "Warning: Facteur is running as root. Run it as an ordinary user; to use ports below 1024"
            + " see \"The standard ports\" in README.md.";

    private final MailServerLifecycle mail;
    private final PrintStream out = System.out;
    /** With FACTEUR_LOG_FORMAT=json every line of output is a JSON event, the start message too. */
    private final boolean structuredLog;

    StartupBanner(MailServerLifecycle mail, Environment environment) {
        this.mail = mail;
        this.structuredLog = environment.containsProperty("logging.structured.format.console");
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        FacteurMailServer server = mail.server().orElse(null);
        if (server == null) {
            return;
        }
        int http = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : -1;
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            LOG.warn(ROOT_WARNING);
        }
        String text = text(server.settings(), http,
                server.tls().selfSigned() ? Optional.of(server.tls().certificateFile()) : Optional.empty(),
                server.admin().listUsers().isEmpty(), root);
        if (structuredLog) {
            LOG.info(text.strip());
        } else {
            out.print(text);
            out.flush();
        }
    }

    /** What is printed once Facteur is ready. */
    static String text(MailServerSettings s, int http, Optional<Path> selfSignedCertificate, boolean noMailbox, boolean root) {
        String host = s.hostname();
        StringBuilder b = new StringBuilder("%n".formatted());
        b.append("Facteur is running (data in %s)%n".formatted(s.dataDir()));
        b.append("  Webmail                    http://%s:%d/%n".formatted(host, http));
        b.append("  SMTP (MX, incoming mail)   %s:%d   STARTTLS%n".formatted(host, s.ports().smtp()));
        b.append("  Submission (mail clients)  %s:%d   STARTTLS + password%n".formatted(host, s.ports().submission()));
        b.append("  Submission over TLS        %s:%d   TLS + password%n".formatted(host, s.ports().smtps()));
        b.append("  IMAP                       %s:%d   STARTTLS + password%n".formatted(host, s.ports().imap()));
        b.append("  IMAP over TLS              %s:%d   TLS + password%n".formatted(host, s.ports().imaps()));
        b.append("  Health                     http://%s:%d/health%n".formatted(host, http));
        selfSignedCertificate.ifPresent(cert -> b.append("  TLS certificate: self-signed (%s); set FACTEUR_TLS_CERTIFICATE"
                .formatted(cert)).append(" and FACTEUR_TLS_PRIVATE_KEY for a real one.%n".formatted()));
        if (noMailbox) {
            b.append("%nNo mailbox yet. Create the first one from another terminal (./facteur admin finds this server"
                    .formatted()).append(" through its data directory):%n".formatted());
            b.append("  export FACTEUR_DATA_DIR=%s%n".formatted(s.dataDir()));
            b.append("  ./facteur admin domain add example.org%n".formatted());
            b.append("  ./facteur admin user add alice@example.org%n".formatted());
        }
        if (root) {
            b.append("%n%s%n".formatted(ROOT_WARNING));
        }
        return b.append("%n".formatted()).toString();
    }
}
