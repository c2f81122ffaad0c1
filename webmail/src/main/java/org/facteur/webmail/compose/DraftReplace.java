package org.facteur.webmail.compose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.util.CRLFOutputStream;
import org.facteur.webmail.imap.MailboxSession;
import org.facteur.webmail.imap.StandardFolders;
import org.facteur.webmail.mail.MailReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a draft again with one {@code UID REPLACE} (RFC 8508) where the server offers it, as Facteur does: the new
 * version takes the old one's place in Drafts in one command, instead of an APPEND, then a STORE {@code \Deleted} and
 * an EXPUNGE, between which another client (or the member's phone) saw two copies of the draft, and after which a
 * failed removal left both. {@link #replace} says when it could not be used, and the caller then saves as before.
 */
final class DraftReplace {
    private static final Logger LOG = LoggerFactory.getLogger(DraftReplace.class);
    private static final Pattern APPEND_UID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)]");

    private DraftReplace() {
    }

    /**
     * Replaces draft {@code draftUid} of Drafts with {@code message} (flags \Draft and \Seen): the new draft's UID (-1 if
     * the server did not tell it), or nothing when REPLACE was not sent or was refused (a tagged NO or BAD), and the
     * caller saves the draft as before: the server does not offer it, the old draft is gone or is not a draft (a
     * message the form names is never removed unless it is one), looking for it failed, or the server refused (the
     * draft was expunged meanwhile, say). A connection lost once the command is sent is an error, not a reason to
     * save the draft a second time.
     */
    static OptionalLong replace(MailReader reader, MailboxSession mailbox, long draftUid, MimeMessage message)
            throws MessagingException {
        if (draftUid <= 0 || !((IMAPStore) mailbox.store()).hasCapability("REPLACE")) {
            return OptionalLong.empty();
        }
        byte[] bytes = bytes(message);
        AtomicBoolean sent = new AtomicBoolean();
        try {
            return reader.withFolder(mailbox, StandardFolders.DRAFTS, Folder.READ_WRITE, folder -> {
                if (!isDraft(folder, draftUid)) {
                    return OptionalLong.empty();
                }
                return (OptionalLong) ((IMAPFolder) folder).doCommand(protocol -> {
                    Argument args = new Argument();
                    args.writeNumber(draftUid);
                    args.writeString(BASE64MailboxEncoder.encode(folder.getFullName()));
                    args.writeAtom("(\\Draft \\Seen)");
                    args.writeBytes(bytes);
                    sent.set(true);
                    Response[] responses = protocol.command("UID REPLACE", args);
                    protocol.notifyResponseHandlers(responses);
                    Response last = responses[responses.length - 1];
                    if (last.isTagged() && (last.isNO() || last.isBAD())) {
                        return OptionalLong.empty();
                    }
                    protocol.handleResult(last); // a BYE (the connection lost) throws
                    return OptionalLong.of(appendUid(responses));
                });
            });
        } catch (MailReader.NotFoundException e) {
            return OptionalLong.empty();
        } catch (MessagingException e) {
            if (sent.get()) {
                throw e;
            }
            LOG.info("Could not look for draft {} before replacing it; saving the draft as a new one", draftUid, e);
            return OptionalLong.empty();
        }
    }

    private static boolean isDraft(Folder folder, long uid) throws MessagingException {
        Message old = ((IMAPFolder) folder).getMessageByUID(uid);
        return old != null && !old.isExpunged() && old.isSet(Flags.Flag.DRAFT);
    }

    private static long appendUid(Response[] responses) {
        for (Response response : responses) {
            Matcher uid = APPEND_UID.matcher(response.toString());
            if (response.isOK() && uid.find()) {
                return Long.parseLong(uid.group(1));
            }
        }
        return -1;
    }

    /** The message as APPEND sends it: every line ended by CR LF. */
    private static byte[] bytes(MimeMessage message) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CRLFOutputStream crlf = new CRLFOutputStream(out)) {
            message.writeTo(crlf);
        } catch (IOException e) {
            throw new MessagingException("cannot write the draft", e);
        }
        return out.toByteArray();
    }
}
