package org.facteur.mailserver.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link InboxAnnotations} answers what James's annotation manager answers for a user's own INBOX, for entries
 * written the way IMAP SETMETADATA writes them (through the manager).
 */
abstract class InboxAnnotationsContract {
    static final Username ALICE = Username.of("alice@example.org");
    static final Username BOB = Username.of("bob@example.org");
    static final MailboxAnnotationKey AWAY = new MailboxAnnotationKey("/private/vendor/facteur/vacation");
    static final MailboxAnnotationKey OTHER = new MailboxAnnotationKey("/private/comment");

    SqlMailboxManager manager;
    InboxAnnotations entries;

    abstract TestStore store();

    @BeforeEach
    void setUp() {
        manager = TestMailboxManagers.create(store(), Set.of());
        entries = new InboxAnnotations(store().database());
    }

    @Test
    void readsTheEntryOfTheUsersOwnInboxOnly() throws Exception {
        set(ALICE, MailboxPath.inbox(ALICE), AWAY, "alice away");
        set(ALICE, MailboxPath.forUser(ALICE, "Archive"), AWAY, "archive");
        set(BOB, MailboxPath.inbox(BOB), AWAY, "bob away");

        assertThat(entries.value(ALICE, AWAY)).contains("alice away").isEqualTo(throughJames(ALICE, AWAY));
        assertThat(entries.value(BOB, AWAY)).contains("bob away").isEqualTo(throughJames(BOB, AWAY));
    }

    @Test
    void emptyWhenTheInboxHasNoSuchEntryOrThereIsNoInbox() throws Exception {
        set(ALICE, MailboxPath.inbox(ALICE), OTHER, "a comment");
        set(BOB, MailboxPath.forUser(BOB, "Archive"), AWAY, "archive");

        assertThat(entries.value(ALICE, AWAY)).isEmpty().isEqualTo(throughJames(ALICE, AWAY));
        assertThat(entries.value(ALICE, OTHER)).contains("a comment");
        assertThat(entries.value(BOB, AWAY)).isEmpty();
        assertThat(entries.value(Username.of("carol@example.org"), AWAY)).isEmpty();
    }

    @Test
    void keysAreCaseInsensitiveAsInJames() throws Exception {
        set(ALICE, MailboxPath.inbox(ALICE), new MailboxAnnotationKey("/Private/Vendor/Facteur/Vacation"), "mixed case");

        assertThat(entries.value(ALICE, AWAY)).contains("mixed case").isEqualTo(throughJames(ALICE, AWAY));
    }

    @Test
    void aRemovedEntryIsGone() throws Exception {
        set(ALICE, MailboxPath.inbox(ALICE), AWAY, "away");
        MailboxSession session = manager.createSystemSession(ALICE);
        manager.updateAnnotations(MailboxPath.inbox(ALICE), session, List.of(MailboxAnnotation.nil(AWAY)));

        assertThat(entries.value(ALICE, AWAY)).isEmpty().isEqualTo(throughJames(ALICE, AWAY));
    }

    private void set(Username user, MailboxPath path, MailboxAnnotationKey key, String value) throws Exception {
        MailboxSession session = manager.createSystemSession(user);
        if (!manager.mailboxExists(path, session).block()) {
            manager.createMailbox(path, session);
        }
        manager.updateAnnotations(path, session, List.of(MailboxAnnotation.newInstance(key, value)));
    }

    private Optional<String> throughJames(Username user, MailboxAnnotationKey key) throws Exception {
        MailboxSession session = manager.createSystemSession(user);
        return manager.getAnnotationsByKeys(MailboxPath.inbox(user), session, Set.of(key)).stream()
                .findFirst().flatMap(MailboxAnnotation::getValue);
    }
}
