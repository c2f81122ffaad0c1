package org.facteur.webmail.live;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.eclipse.angus.mail.iap.Literal;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * IMAP APPEND of exact bytes, as a hostile sender's mail is stored: no MIME library reads or rewrites the
 * message on the way (Jakarta Mail would re-fold, re-encode or refuse broken headers).
 */
public final class RawAppend {
    private RawAppend() {
    }

    /**
     * An IMAP store for appending: a read timeout of two minutes, because James 3.8.1 answers the APPEND
     * only after its search index has taken the message, which it retries for about 20 s when mime4j throws
     * on a part's header (an RFC 2231 name with a broken %-escape).
     */
    public static Store store(org.facteur.mailserver.MailClient client, String user, String password)
            throws MessagingException {
        jakarta.mail.Session session = client.session();
        session.getProperties().put("mail.imap.timeout", "120000");
        Store store = session.getStore("imap");
        store.connect(user, password);
        return store;
    }

    /** Appends {@code raw} to {@code folderName} (created if missing) and returns its UID. */
    public static long append(Store store, String folderName, byte[] raw) throws MessagingException {
        Folder folder = store.getFolder(folderName);
        if (!folder.exists()) {
            folder.create(Folder.HOLDS_MESSAGES);
        }
        IMAPFolder imap = (IMAPFolder) folder;
        Object uid = imap.doCommand(p -> p.appenduid(imap.getFullName(), new Flags(), null, new Literal() {
            @Override
            public int size() {
                return raw.length;
            }

            @Override
            public void writeTo(OutputStream os) throws IOException {
                os.write(raw);
            }
        }));
        return uid instanceof AppendUID a ? a.uid : -1;
    }
}
