package org.facteur.webmail.imap;

import java.util.List;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.facteur.webmail.threads.MessageThread;
import org.facteur.webmail.threads.ThreadListParser;

/**
 * IMAP THREAD (RFC 5256), which Jakarta Mail does not offer: {@code UID THREAD REFERENCES UTF-8 ALL} sent as is,
 * its untagged {@code THREAD} answer read by {@link ThreadListParser}.
 */
public final class ImapThreads {
    public static final String CAPABILITY = "THREAD=REFERENCES";
    static final String COMMAND = "UID THREAD REFERENCES UTF-8 ALL";

    private ImapThreads() {
    }

    /** Whether the server announces {@value #CAPABILITY}. */
    public static boolean supported(Store store) throws MessagingException {
        return store instanceof IMAPStore imap && imap.hasCapability(CAPABILITY);
    }

    /**
     * Every message of the open {@code folder} threaded by the server, by UID, in the server's order. A refusal
     * by the server is a {@link MessagingException}; an answer that is not a thread list, a
     * {@link org.facteur.webmail.threads.MalformedThreadListException}.
     */
    public static List<MessageThread> references(Folder folder) throws MessagingException {
        String lists = (String) ((IMAPFolder) folder).doCommand(p -> {
            Response[] responses = p.command(COMMAND, null);
            String found = null;
            for (Response r : responses) {
                if (r instanceof IMAPResponse ir && ir.keyEquals("THREAD")) {
                    found = ir.getRest();
                }
            }
            p.notifyResponseHandlers(responses);
            p.handleResult(responses[responses.length - 1]);
            return found;
        });
        return ThreadListParser.parse(lists);
    }
}
