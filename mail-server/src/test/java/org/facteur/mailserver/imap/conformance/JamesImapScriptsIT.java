package org.facteur.mailserver.imap.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mpt.api.ImapHostSystem;
import org.apache.james.mpt.imapmailbox.GrantRightsOnHost;
import org.apache.james.mpt.imapmailbox.MailboxMessageAppender;
import org.apache.james.mpt.imapmailbox.ImapTestConstants;
import org.apache.james.mpt.imapmailbox.suite.base.BasicImapCommands;
import org.apache.james.mpt.script.SimpleScriptedTestProtocol;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Apache James's own IMAP protocol scripts ({@code apache-james-mpt-imapmailbox-core} 3.8.1, 152 {@code .test}
 * files, 142 played here) run against a real embedded Facteur over a socket, with STARTTLS as every member
 * connects, one JUnit case per James suite method (a script, in a locale, with its setup).
 *
 * <p>Each nested class is one of James's suites, given {@link FacteurHostSystem} as host, as James's own
 * in-memory, JPA and Cyrus builds give theirs. The cases that fail today are listed with their reasons in
 * {@code known-failures.txt}; {@link KnownFailures} keeps that list honest (a listed case that passes fails
 * the build). {@code ./facteur conformance} runs this class alone and prints every case's outcome.
 *
 * <p>Not run: James's Condstore suite reconfigures James's IMAP processor in-process between cases (a running
 * Facteur has one configuration), so only its {@code CondstoreEnable} script runs, against Facteur's own
 * configuration; {@code FetchNILSaveDate} is the JPA store's excuse for not keeping a save date (the generic
 * {@code FetchSaveDate} runs instead); 8 script files are run by no James 3.8.1 build (fragments such as
 * {@code Welcome}, {@code SelectInbox}, and stale scripts such as {@code ComplexMail}, {@code Peek*}).
 * docs/conformance.md has the details and today's figures.
 */
@ExtendWith(KnownFailures.class)
class JamesImapScriptsIT implements ImapTestConstants {
    static final String SCRIPTS = "/org/apache/james/imap/scripts/";

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    static FacteurHostSystem newHost() {
        return new FacteurHostSystem(mail.server());
    }

    @Test
    void everyKnownFailureNamesACaseOfThisClass() {
        Set<String> cases = new TreeSet<>();
        for (Class<?> suite : JamesImapScriptsIT.class.getDeclaredClasses()) {
            if (suite.isAnnotationPresent(Nested.class)) {
                for (Class<?> c = suite; c != Object.class; c = c.getSuperclass()) {
                    for (Method m : c.getDeclaredMethods()) {
                        if (m.isAnnotationPresent(Test.class)) {
                            cases.add(KnownFailures.id(suite, m));
                        }
                    }
                }
            }
        }
        assertThat(cases).hasSize(366);
        assertThat(KnownFailures.known().keySet()).as("cases named in " + KnownFailures.FILE).isSubsetOf(cases);
    }

    @Nested
    class ACLCommands extends org.apache.james.mpt.imapmailbox.suite.ACLCommands {
        private final FacteurHostSystem host = newHost();

        @Override
        protected ImapHostSystem createImapHostSystem() {
            return host;
        }

        @Override
        protected GrantRightsOnHost createGrantRightsOnHost() {
            return host;
        }
    }

    @Nested
    class ACLIntegration extends org.apache.james.mpt.imapmailbox.suite.ACLIntegration {
        private FacteurHostSystem host;

        @Override
        protected ImapHostSystem createImapHostSystem() {
            host = newHost();
            return host;
        }

        @Override
        protected GrantRightsOnHost createGrantRightsOnHost() {
            return host;
        }

        @Override
        protected MailboxMessageAppender createMailboxMessageAppender() {
            return host;
        }
    }

    @Nested
    class AuthenticatePlain extends org.apache.james.mpt.imapmailbox.suite.AuthenticatePlain {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class AuthenticatedState extends org.apache.james.mpt.imapmailbox.suite.AuthenticatedState {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class ConcurrentSessions extends org.apache.james.mpt.imapmailbox.suite.ConcurrentSessions {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    /** Only the script that describes Facteur's configuration: CONDSTORE announced and enabled (#15.14). */
    @Nested
    class Condstore {
        @Test
        void condstoreEnable() throws Exception {
            SimpleScriptedTestProtocol protocol = new SimpleScriptedTestProtocol(SCRIPTS, newHost())
                    .withUser(USER, PASSWORD)
                    .withLocale(Locale.US);
            BasicImapCommands.welcome(protocol);
            BasicImapCommands.authenticate(protocol);
            protocol.run("CondstoreEnable");
        }
    }

    @Nested
    class Copy extends org.apache.james.mpt.imapmailbox.suite.Copy {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class Events extends org.apache.james.mpt.imapmailbox.suite.Events {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class Expunge extends org.apache.james.mpt.imapmailbox.suite.Expunge {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class Fetch extends org.apache.james.mpt.imapmailbox.suite.Fetch {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class FetchBodySection extends org.apache.james.mpt.imapmailbox.suite.FetchBodySection {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class FetchBodyStructure extends org.apache.james.mpt.imapmailbox.suite.FetchBodyStructure {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class FetchHeaders extends org.apache.james.mpt.imapmailbox.suite.FetchHeaders {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    /** With the two listing scripts James's Cassandra and in-memory builds add to this suite. */
    @Nested
    class Listing extends org.apache.james.mpt.imapmailbox.suite.Listing {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }

        @Test
        void listOnly() throws Exception {
            simpleScriptedTestProtocol.withLocale(Locale.US).run("ListOnly");
        }

        @Test
        void listShouldUTF7EscapeSpecialChar() throws Exception {
            for (String name : Arrays.asList("projects & abc", "mailbox #17", "évaluations")) {
                system.createMailbox(MailboxPath.forUser(USER, name));
            }
            simpleScriptedTestProtocol.withLocale(Locale.KOREA).run("ListSpecialChar");
        }
    }

    @Nested
    class ListingWithSharingTest extends org.apache.james.mpt.imapmailbox.suite.ListingWithSharingTest {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class MailboxAnnotation extends org.apache.james.mpt.imapmailbox.suite.MailboxAnnotation {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class MailboxWithLongNameError extends org.apache.james.mpt.imapmailbox.suite.MailboxWithLongNameError {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class Move extends org.apache.james.mpt.imapmailbox.suite.Move {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class NonAuthenticatedState extends org.apache.james.mpt.imapmailbox.suite.NonAuthenticatedState {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class ObjectId extends org.apache.james.mpt.imapmailbox.suite.ObjectId {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class PartialFetch extends org.apache.james.mpt.imapmailbox.suite.PartialFetch {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class QuotaTest extends org.apache.james.mpt.imapmailbox.suite.QuotaTest {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class Recent extends org.apache.james.mpt.imapmailbox.suite.Recent {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class Rename extends org.apache.james.mpt.imapmailbox.suite.Rename {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class Search extends org.apache.james.mpt.imapmailbox.suite.Search {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class Security extends org.apache.james.mpt.imapmailbox.suite.Security {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class Select extends org.apache.james.mpt.imapmailbox.suite.Select {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SelectedInbox extends org.apache.james.mpt.imapmailbox.suite.SelectedInbox {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SelectedState extends org.apache.james.mpt.imapmailbox.suite.SelectedState {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class UidSearch extends org.apache.james.mpt.imapmailbox.suite.UidSearch {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class UidSearchOnIndex extends org.apache.james.mpt.imapmailbox.suite.UidSearchOnIndex {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class UserFlagsSupport extends org.apache.james.mpt.imapmailbox.suite.UserFlagsSupport {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }
}
