package org.facteur.mailserver.store.mailbox;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.mail.MessageMapper;

/**
 * What {@link RecentClaims} adds to a delivery for each IMAP session that has the mailbox selected: the session that
 * takes the message's \Recent (a read, then a write transaction) and each other session (the read alone), against
 * the delivery itself (the message mapper's add, one transaction). SQLite, as the embedded default; six rounds of
 * 2,000 messages. Run from the test classpath: {@code mvn -q -pl mail-server exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.facteur.mailserver.store.mailbox.RecentClaimsBench}.
 */
public final class RecentClaimsBench {
    private static final int MESSAGES = 2_000;

    private RecentClaimsBench() {
    }

    public static void main(String[] args) throws Exception {
        TestStore store = TestStore.sqlite();
        store.beforeAll(null);
        try {
            store.beforeEach(null);
            Mailbox inbox = store.factory().createMailboxMapper(null)
                    .create(MailboxPath.inbox(Username.of("alice@bench.test")), UidValidity.of(1)).block();
            MessageMapper mapper = store.factory().createMessageMapper(null);
            RecentClaims claims = new RecentClaims(store.database());
            long uid = 0;
            for (int round = 1; round <= 6; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < MESSAGES; i++) {
                    mapper.add(inbox, MailboxCountersContract.message(inbox, new Flags(Flags.Flag.RECENT)));
                }
                double delivery = micros(start);
                start = System.nanoTime();
                int taken = 0;
                for (int i = 1; i <= MESSAGES; i++) {
                    taken += claims.claim(inbox.getMailboxId(), MessageUid.of(uid + i)) ? 1 : 0;
                }
                double take = micros(start);
                start = System.nanoTime();
                int lost = 0;
                for (int i = 1; i <= MESSAGES; i++) {
                    lost += claims.claim(inbox.getMailboxId(), MessageUid.of(uid + i)) ? 0 : 1;
                }
                double lose = micros(start);
                uid += MESSAGES;
                System.out.printf("round %d: delivery %.0f µs per message; the taking session %.0f µs, each other session"
                        + " %.1f µs (taken %d, lost %d of %d)%n", round, delivery, take, lose, taken, lost, MESSAGES);
            }
        } finally {
            store.afterAll(null);
        }
    }

    private static double micros(long start) {
        return (System.nanoTime() - start) / 1e3 / MESSAGES;
    }
}
