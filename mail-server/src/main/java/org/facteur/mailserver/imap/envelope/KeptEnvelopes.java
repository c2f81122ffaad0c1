package org.facteur.mailserver.imap.envelope;

import java.util.Collection;
import java.util.Map;

import org.apache.james.mailbox.model.MailboxId;

/**
 * The envelopes the store kept when it stored each message ({@link EnvelopeCodec}'s bytes), so that FETCH ENVELOPE
 * reads them instead of parsing header sections. A message stored before envelopes were kept (or whose header section
 * is too large to copy) has none: the caller builds its envelope as James does.
 */
public interface KeptEnvelopes {
    /** The kept envelopes of the mailbox's messages with these UIDs (a few hundred at most), by UID. */
    Map<Long, byte[]> of(MailboxId mailbox, Collection<Long> uids);
}
