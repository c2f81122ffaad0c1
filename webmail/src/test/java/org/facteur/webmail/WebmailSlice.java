package org.facteur.webmail;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.facteur.webmail.config.WebmailSecurity;
import org.facteur.webmail.config.WebmailWebConfig;
import org.facteur.webmail.html.MessageHtmlSanitizer;
import org.facteur.webmail.imap.MailboxSession;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;

/** What every webmail controller slice needs besides its controller: security chains, bundles, sanitizer. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import({WebmailSecurity.class, WebmailWebConfig.class, MessageHtmlSanitizer.class, WebmailSlice.Properties.class})
public @interface WebmailSlice {

    /**
     * The webmail's settings as deploy's defaults give them. Imported, not annotated: the webmail's own
     * component scan would otherwise find it in a full application ({@code live.RunningWebmail}).
     */
    class Properties {
        @org.springframework.context.annotation.Bean
        org.facteur.webmail.config.WebmailProperties webmailProperties() {
            return new org.facteur.webmail.config.WebmailProperties("127.0.0.1", 143, "127.0.0.1", 587, "127.0.0.1",
                    java.time.Duration.ofSeconds(20), java.nio.file.Path.of("target/settings"),
                    org.springframework.util.unit.DataSize.ofMegabytes(18));
        }
    }

    /** A logged-in session of alice whose mailbox is never touched (the controller's services are mocks). */
    final class Sessions {
        public static final String ALICE = "alice@example.org";

        private Sessions() {
        }

        public static MockHttpSession alice() {
            MockHttpSession session = new MockHttpSession();
            session.setAttribute(MailboxSession.ATTRIBUTE, new MailboxSession(ALICE, "pw".toCharArray(), null, null));
            return session;
        }
    }
}
