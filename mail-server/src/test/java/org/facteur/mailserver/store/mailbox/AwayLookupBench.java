package org.facteur.mailserver.store.mailbox;

import java.util.List;
import java.util.Set;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxPath;

/**
 * What one away-message lookup costs (each local recipient of each delivery makes one): through James's annotation
 * manager, as Facteur did until 2026-12-05, and through {@link InboxAnnotations}. Ten users with an INBOX on SQLite,
 * one of them with an entry; six rounds of 20,000 lookups of each kind, alternated. Run from the test classpath:
 * {@code java -cp <test classpath> org.facteur.mailserver.store.mailbox.AwayLookupBench}.
 */
public final class AwayLookupBench {
    private static final MailboxAnnotationKey KEY = new MailboxAnnotationKey("/private/vendor/facteur/vacation");
    private static final int USERS = 10;
    private static final int LOOKUPS = 20_000;

    private AwayLookupBench() {
    }

    public static void main(String[] args) throws Exception {
        TestStore store = TestStore.sqlite();
        store.beforeAll(null);
        try {
            store.beforeEach(null);
            SqlMailboxManager manager = TestMailboxManagers.create(store, Set.of());
            InboxAnnotations entries = new InboxAnnotations(store.database());
            for (int u = 0; u < USERS; u++) {
                MailboxSession session = manager.createSystemSession(user(u));
                manager.createMailbox(MailboxPath.inbox(user(u)), session);
                if (u == 0) {
                    manager.updateAnnotations(MailboxPath.inbox(user(u)), session, List.of(MailboxAnnotation.newInstance(KEY, "x")));
                }
            }
            for (int round = 1; round <= 6; round++) {
                long start = System.nanoTime();
                int foundByJames = 0;
                for (int i = 0; i < LOOKUPS; i++) {
                    MailboxSession session = manager.createSystemSession(user(i % USERS));
                    try {
                        foundByJames += manager.getAnnotationsByKeys(MailboxPath.inbox(session), session, Set.of(KEY)).isEmpty() ? 0 : 1;
                    } finally {
                        manager.endProcessingRequest(session);
                    }
                }
                double james = micros(start);
                start = System.nanoTime();
                int found = 0;
                for (int i = 0; i < LOOKUPS; i++) {
                    found += entries.value(user(i % USERS), KEY).isPresent() ? 1 : 0;
                }
                double direct = micros(start);
                System.out.printf("round %d: James's annotation manager %.1f µs per lookup, InboxAnnotations %.1f µs"
                        + " (entries found: %d and %d of %d)%n", round, james, direct, foundByJames, found, LOOKUPS);
            }
        } finally {
            store.afterAll(null);
        }
    }

    private static Username user(int n) {
        return Username.of("user" + n + "@bench.test");
    }

    private static double micros(long start) {
        return (System.nanoTime() - start) / 1e3 / LOOKUPS;
    }
}
