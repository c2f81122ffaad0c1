package org.facteur.app.mail;

import java.io.PrintStream;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.MailServerSettings;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Tells the person who just started Facteur where to connect and, on a fresh install, what to do next. */
@Component
class StartupBanner implements ApplicationListener<ApplicationReadyEvent> {
    private final MailServerLifecycle mail;
    private final PrintStream out = System.out;

    StartupBanner(MailServerLifecycle mail) {
        this.mail = mail;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        FacteurMailServer server = mail.server().orElse(null);
        if (server == null) {
            return;
        }
        MailServerSettings s = server.settings();
        int http = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : -1;
        String host = s.hostname();
        out.println();
        out.println("Facteur is running (data in " + s.dataDir() + ")");
        out.printf("  SMTP (MX, incoming mail)   %s:%d   STARTTLS%n", host, s.ports().smtp());
        out.printf("  Submission (mail clients)  %s:%d   STARTTLS + password%n", host, s.ports().submission());
        out.printf("  Submission over TLS        %s:%d   TLS + password%n", host, s.ports().smtps());
        out.printf("  IMAP                       %s:%d   STARTTLS + password%n", host, s.ports().imap());
        out.printf("  IMAP over TLS              %s:%d   TLS + password%n", host, s.ports().imaps());
        out.printf("  Health                     http://%s:%d/health%n", host, http);
        if (server.tls().selfSigned()) {
            out.println("  TLS certificate: self-signed (" + server.tls().certificateFile()
                    + "); set FACTEUR_TLS_CERTIFICATE and FACTEUR_TLS_PRIVATE_KEY for a real one.");
        }
        if (server.admin().listUsers().isEmpty()) {
            out.println();
            out.println("No mailbox yet. Create the first one from another terminal:");
            out.println("  ./facteur admin domain add example.org");
            out.println("  ./facteur admin user add alice@example.org");
        }
        out.println();
        out.flush();
    }
}
