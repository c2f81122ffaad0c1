package org.facteur.mailserver.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.mailserver.store.mailbox.MailboxCountersContract.counted;
import static org.facteur.mailserver.store.mailbox.MailboxCountersContract.kept;
import static org.facteur.mailserver.store.mailbox.MailboxCountersContract.message;
import static org.facteur.mailserver.store.mailbox.MailboxCountersContract.race;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RecentClaims} hands each recent message to one taker, across threads and across two nodes on one database,
 * keeps the mailbox row's recent counter exact, and leaves nothing recent for a later SELECT to clear.
 */
abstract class RecentClaimsContract {
    static final Username ALICE = Username.of("alice@example.org");

    abstract TestStore store();

    Mailbox inbox;
    Mailbox archive;
    MessageMapper mapper;
    RecentClaims claims;

    @BeforeEach
    void setUp() {
        var mailboxes = store().factory().createMailboxMapper(null);
        inbox = mailboxes.create(MailboxPath.forUser(ALICE, "INBOX"), UidValidity.of(42)).block();
        archive = mailboxes.create(MailboxPath.forUser(ALICE, "Archive"), UidValidity.of(43)).block();
        mapper = store().factory().createMessageMapper(null);
        claims = new RecentClaims(store().database());
    }

    @Test
    void eachRecentMessageGoesToExactlyOneOfEightTakersOnTwoNodes() throws Exception {
        int messages = 20;
        for (int i = 0; i < messages; i++) {
            mapper.add(inbox, message(inbox, new Flags(Flags.Flag.RECENT)));
        }
        long modSeqBefore = highestModSeq(inbox);
        AtomicIntegerArray taken = new AtomicIntegerArray(messages + 1);
        try (Database otherNode = store().openAnotherNode()) {
            List<RecentClaims> nodes = List.of(claims, new RecentClaims(otherNode));
            race(8, messages, (thread, step) -> {
                int uid = 1 + (step + thread) % messages;
                if (nodes.get(thread % 2).claim(inbox.getMailboxId(), MessageUid.of(uid))) {
                    taken.incrementAndGet(uid);
                }
            });
        }

        for (int uid = 1; uid <= messages; uid++) {
            assertThat(taken.get(uid)).as("takers of UID %d", uid).isEqualTo(1);
        }
        assertThat(kept(store().database(), inbox)).isEqualTo(counted(store().database(), inbox));
        assertThat(kept(store().database(), inbox).get(2)).as("recent counter").isZero();
        assertThat(highestModSeq(inbox)).as("taking \\Recent is no flag change a client syncs").isEqualTo(modSeqBefore);
    }

    @Test
    void aTakenMessageIsNotRecentForALaterSelect() throws Exception {
        for (int i = 0; i < 3; i++) {
            mapper.add(inbox, message(inbox, new Flags(Flags.Flag.RECENT)));
        }

        assertThat(claims.claim(inbox.getMailboxId(), MessageUid.of(2))).isTrue();

        assertThat(mapper.findRecentMessageUidsInMailbox(inbox)).containsExactly(MessageUid.of(1), MessageUid.of(3));
        assertThat(mapper.resetRecent(inbox)).extracting(UpdatedFlags::getUid)
                .containsExactlyInAnyOrder(MessageUid.of(1), MessageUid.of(3));
        assertThat(claims.claim(inbox.getMailboxId(), MessageUid.of(1))).as("cleared by the SELECT first").isFalse();
        assertThat(claims.anyRecent(inbox.getMailboxId())).isFalse();
        assertThat(kept(store().database(), inbox)).isEqualTo(counted(store().database(), inbox));
    }

    @Test
    void nothingIsTakenFromAMessageNotRecentAbsentOrInAnotherMailbox() throws Exception {
        mapper.add(inbox, message(inbox, new Flags(Flags.Flag.SEEN)));
        mapper.add(archive, message(archive, new Flags(Flags.Flag.RECENT)));
        mapper.add(archive, message(archive, new Flags(Flags.Flag.RECENT)));
        List<Long> inboxBefore = kept(store().database(), inbox);

        assertThat(claims.claim(inbox.getMailboxId(), MessageUid.of(1))).as("not recent").isFalse();
        assertThat(claims.claim(inbox.getMailboxId(), MessageUid.of(2))).as("no such UID in this mailbox").isFalse();
        assertThat(claims.claim(SqlMailboxId.of(999_999), MessageUid.of(1))).as("no such mailbox").isFalse();

        assertThat(kept(store().database(), inbox)).isEqualTo(inboxBefore);
        assertThat(kept(store().database(), archive).get(2)).as("the other mailbox keeps both").isEqualTo(2);
        assertThat(claims.anyRecent(inbox.getMailboxId())).isFalse();
        assertThat(claims.anyRecent(archive.getMailboxId())).isTrue();
        assertThat(claims.claim(archive.getMailboxId(), MessageUid.of(2))).isTrue();
        assertThat(kept(store().database(), archive).get(2)).isEqualTo(1);
        assertThat(kept(store().database(), archive)).isEqualTo(counted(store().database(), archive));
    }

    private long highestModSeq(Mailbox mailbox) {
        return store().database().read(c -> Jdbc.one(c, "SELECT highest_modseq FROM mailbox WHERE id = ?",
                rs -> rs.getLong(1), SqlMailboxId.raw(mailbox.getMailboxId())).orElseThrow());
    }
}
