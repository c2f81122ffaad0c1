package org.facteur.mailserver.imap.context;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.ImapResponseMessage;

/**
 * {@code * NO [NOUPDATE "a1"] …}: the search named by the tag is answered, but it will not be kept live, because the
 * session already holds as many live searches as it may (RFC 5267 §4.3.1).
 */
public record UpdateRefusedResponse(Tag tag, int limit) implements ImapResponseMessage {
}
