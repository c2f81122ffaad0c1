package org.facteur.mailserver.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.StatusDataItems;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.StatusCommandParser;
import org.apache.james.imap.message.request.StatusRequest;

/**
 * James's STATUS parser, refusing an empty list of items and saying what is wrong. RFC 3501's grammar asks for at
 * least one item, and Dovecot answers {@code STATUS INBOX ()} with {@code BAD … Empty status list}; James 3.8.1
 * answered it with OK and an empty {@code * STATUS} line, and any other mistake (an unknown item, no parentheses) with
 * {@code BAD STATUS failed. Illegal arguments.} The client reads {@code BAD STATUS needs at least one item …}, or the
 * items it may ask for. An empty list in {@code LIST … RETURN (STATUS ())} is still taken (James's list parser).
 */
public final class CheckedStatusParser extends StatusCommandParser {
    private static final String KEY = "org.facteur.imap.status.SYNTAX";
    private static final String EXAMPLE = "like STATUS INBOX (MESSAGES UNSEEN UIDNEXT)";
    private static final String ITEMS = "MESSAGES, UNSEEN, RECENT, UIDNEXT, UIDVALIDITY, HIGHESTMODSEQ, SIZE, DELETED, "
            + "DELETED-STORAGE, APPENDLIMIT and MAILBOXID";

    @Inject
    public CheckedStatusParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        ImapMessage message;
        try {
            message = super.decode(request, tag, session);
        } catch (DecodingException e) {
            if (!HumanReadableText.ILLEGAL_ARGUMENTS.equals(e.getKey())) {
                throw e;
            }
            throw BadCommand.decodingException(KEY, "expects a mailbox name and, in parentheses, items among " + ITEMS
                    + ", " + EXAMPLE);
        }
        if (message instanceof StatusRequest status && noItem(status.getStatusDataItems())) {
            throw BadCommand.decodingException(KEY, "needs at least one item in its parentheses, " + EXAMPLE);
        }
        return message;
    }

    /** Whether {@code items} names no item: {@code STATUS INBOX ()}, or LIST's {@code RETURN (STATUS ())}. */
    static boolean noItem(StatusDataItems items) {
        return !(items.isMessages() || items.isRecent() || items.isUidNext() || items.isUidValidity() || items.isUnseen()
                || items.isHighestModSeq() || items.isSize() || items.isDeleted() || items.isDeletedStorage()
                || items.isAppendLimit() || items.isMailboxId());
    }
}
