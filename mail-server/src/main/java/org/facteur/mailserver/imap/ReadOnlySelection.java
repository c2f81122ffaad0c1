package org.facteur.mailserver.imap;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.FetchData.Item;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.FetchRequest;

/**
 * A mailbox opened by EXAMINE is read-only: "no changes to the permanent state of the mailbox, including per-user
 * state, are permitted" (RFC 3501 §6.3.2, RFC 9051 §6.3.3). James 3.8.1 checked only the ACL, so after EXAMINE a STORE
 * changed flags, EXPUNGE and MOVE removed messages, CLOSE expunged the \Deleted ones and a FETCH of BODY[] set \Seen.
 * Facteur's STORE, EXPUNGE, MOVE and REPLACE answer {@code NO} with {@link #refusal}, its CLOSE leaves without expunging
 * ({@link ExamineKeepingCloseProcessor}) and its FETCH reads as BODY.PEEK does ({@link #peeking}).
 */
public final class ReadOnlySelection {
    private ReadOnlySelection() {
    }

    /** Whether the selected mailbox was opened by EXAMINE. */
    public static boolean isReadOnly(ImapSession session) {
        return session.getSelected() != null && RecentClaimingSession.examined(session);
    }

    /** The {@code NO} sentence for a command that would change a mailbox opened read-only. */
    public static HumanReadableText refusal(ImapRequest request) {
        return new HumanReadableText("org.facteur.imap.readonly." + request.getCommand().getName(),
                "failed. The mailbox was opened read-only (EXAMINE): SELECT it to change it.");
    }

    /** {@code request} fetching as BODY.PEEK[] does: the same items and parts, without setting \Seen. */
    static FetchRequest peeking(FetchRequest request) {
        FetchData fetch = request.getFetch();
        FetchData.Builder builder = FetchData.builder();
        for (Item item : Item.values()) {
            if (fetch.contains(item)) {
                builder.fetch(item);
            }
        }
        if (fetch.getChangedSince() != -1) {
            builder.changedSince(fetch.getChangedSince());
        }
        fetch.getBodyElements().forEach(element -> builder.add(element, true));
        return new FetchRequest(request.isUseUids(), request.getIdSet(), builder.vanished(fetch.getVanished()).build(),
                request.getTag());
    }
}
