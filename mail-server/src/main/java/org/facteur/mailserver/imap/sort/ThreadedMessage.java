package org.facteur.mailserver.imap.sort;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What threading reads of one message: the number to answer (message number or UID), its place in the mailbox (for
 * equal dates), its Message-ID, the ids it refers to (References, else In-Reply-To), its base subject, whether the
 * subject said it is a reply or forward, and its sent date (the Date header, else the internal date).
 */
public record ThreadedMessage(long id, long order, Optional<String> messageId, List<String> references,
                              String baseSubject, boolean replyOrForward, Instant sent) {
    public ThreadedMessage {
        references = List.copyOf(references);
    }
}
