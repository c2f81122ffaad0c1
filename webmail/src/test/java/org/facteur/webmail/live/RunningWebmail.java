package org.facteur.webmail.live;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.facteur.mailserver.MailServerSettings;
import org.facteur.webmail.WebmailTestApplication;
import org.facteur.webmail.imap.MailConnector;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The webmail as a real web application on a free port, an IMAP/SMTP client of the real embedded mail
 * server of the test ({@code MailServerExtension}): pages are asked for over HTTP by {@link Browser}.
 * The IMAP dialogue of the webmail can be recorded ({@link #imapTrace()}) to count what it fetches.
 */
public final class RunningWebmail implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final ImapTrace trace = new ImapTrace();

    private RunningWebmail(ConfigurableApplicationContext context) {
        this.context = context;
        var session = context.getBean(MailConnector.class).session();
        session.setDebugOut(new java.io.PrintStream(trace, true, java.nio.charset.StandardCharsets.ISO_8859_1));
        session.setDebug(true);
    }

    public static RunningWebmail start(MailServerSettings.Ports ports) throws IOException {
        return start(ports, Map.of());
    }

    /** With more (or other) properties, such as {@code facteur.webmail.shared-sessions.redis-uri}. */
    public static RunningWebmail start(MailServerSettings.Ports ports, Map<String, Object> more) throws IOException {
        Path settings = Files.createTempDirectory("webmail-settings");
        Map<String, Object> p = new HashMap<>();
        p.put("server.port", 0);
        p.put("spring.main.banner-mode", "off");
        p.put("facteur.webmail.imap-host", "127.0.0.1");
        p.put("facteur.webmail.imap-port", ports.imap());
        p.put("facteur.webmail.submission-host", "127.0.0.1");
        p.put("facteur.webmail.submission-port", ports.submission());
        p.put("facteur.webmail.ssl-trust", "127.0.0.1");
        p.put("facteur.webmail.timeout", "20s");
        p.put("facteur.webmail.settings-dir", settings.toString());
        p.put("facteur.webmail.max-upload", "18MB");
        p.put("spring.autoconfigure.exclude", org.facteur.webmail.config.SharedSessions.EXCLUDED_AUTO_CONFIGURATION);
        p.putAll(more);
        return new RunningWebmail(new SpringApplicationBuilder(WebmailTestApplication.class).properties(p).run());
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> java.util.Map<String, T> beans(Class<T> type) {
        return context.getBeansOfType(type);
    }

    public Browser browser() {
        return new Browser("http://127.0.0.1:" + port());
    }

    /** What the webmail said to the IMAP server since the last {@link ImapTrace#reset()}. */
    public ImapTrace imapTrace() {
        return trace;
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * Counts the FETCH commands in Jakarta Mail's protocol trace: lines the client sends, {@code B12 UID FETCH …}
     * (a letter per connection, then a number per command).
     */
    public static final class ImapTrace extends OutputStream {
        private static final java.util.regex.Pattern FETCH_COMMAND = java.util.regex.Pattern.compile("[A-Z]+\\d+ (UID )?FETCH ");
        private final StringBuilder line = new StringBuilder();
        private int fetches;
        private boolean recording;

        @Override
        public synchronized void write(int b) {
            if (b == '\r') {
                return;
            }
            if (b == '\n') {
                String l = line.toString();
                if (recording && FETCH_COMMAND.matcher(l).lookingAt()) {
                    fetches++;
                }
                line.setLength(0);
            } else if (line.length() < 200) {
                line.append((char) b);
            }
        }

        /** Starts counting from zero. */
        public synchronized void reset() {
            fetches = 0;
            recording = true;
        }

        /** FETCH commands sent since {@link #reset()}. */
        public synchronized int fetches() {
            return fetches;
        }
    }
}
