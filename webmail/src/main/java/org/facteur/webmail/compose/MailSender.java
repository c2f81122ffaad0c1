package org.facteur.webmail.compose;

import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.OptionalLong;

import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.facteur.webmail.imap.MailConnector;
import org.facteur.webmail.imap.MailboxSession;
import org.facteur.webmail.imap.StandardFolders;
import org.facteur.webmail.mail.MailReader;
import org.facteur.webmail.mail.MessageParts;
import org.facteur.webmail.settings.MemberSettings;
import org.springframework.stereotype.Service;

/**
 * Builds the member's message (text, attachments, threading headers, their name in From), signs and encrypts it
 * when she asked ({@link Protection}), sends it over
 * SMTP submission with their own login (so the server applies its sender checks and quotas), files a
 * copy in Sent and removes the draft it came from. Also saves drafts to Drafts.
 */
@Service
public class MailSender {
    /** The Sent folder every Facteur mailbox is created with (RFC 6154 \Sent). */
    public static final String SENT = StandardFolders.SENT;

    /**
     * Where a draft was saved: its UID in Drafts (-1 if the server did not tell), and whether it took over
     * the attachments of the draft it replaced (the form must then point at the new one).
     */
    public record SavedDraft(long uid, boolean carriesOwnAttachments) {
    }

    private final MailConnector connector;
    private final MailReader reader;

    public MailSender(MailConnector connector, MailReader reader) {
        this.connector = connector;
        this.reader = reader;
    }

    /** Parses a comma-separated list of addresses, strictly (RFC 822 syntax). */
    public static InternetAddress[] parseAddresses(String list) throws AddressException {
        if (list == null || list.isBlank()) {
            return new InternetAddress[0];
        }
        return InternetAddress.parse(list.replace(';', ','), true);
    }

    /** Sends the message as the member wrote it, without OpenPGP. */
    public MimeMessage send(MailboxSession mailbox, ComposeForm form, List<Upload> uploads, MemberSettings identity)
            throws MessagingException {
        return send(mailbox, form, uploads, identity, Protection.NONE);
    }

    /**
     * Sends the message as {@code protection} makes it (signed, encrypted, both or plain); the copy in Sent is that
     * same message, so an encrypted one is filed encrypted (to the member's key too).
     */
    MimeMessage send(MailboxSession mailbox, ComposeForm form, List<Upload> uploads, MemberSettings identity,
            Protection protection) throws MessagingException {
        MimeMessage message = protection.apply(build(mailbox, form, uploads, identity));
        mailbox.withSubmission(t -> {
            t.sendMessage(message, message.getAllRecipients());
            return null;
        });
        message.setFlag(Flags.Flag.SEEN, true);
        append(mailbox, SENT, message);
        if (form.getDraftUid() != null) {
            deleteDraft(mailbox, form.getDraftUid());
        }
        return message;
    }

    /**
     * Saves the form as a draft in Drafts (no recipient needed), replacing the draft it was before: in one UID REPLACE
     * where the server offers it ({@link DraftReplace}), else by an APPEND and the removal of the old draft.
     */
    public SavedDraft saveDraft(MailboxSession mailbox, ComposeForm form, List<Upload> uploads, MemberSettings identity)
            throws MessagingException {
        MimeMessage message = build(mailbox, form, uploads, identity);
        message.setFlags(new Flags(Flags.Flag.DRAFT), true);
        message.setFlag(Flags.Flag.SEEN, true);
        boolean own = form.attachesFrom() && StandardFolders.DRAFTS.equals(form.getAttachFromFolder())
                && form.getAttachFromUid().equals(form.getDraftUid());
        if (form.getDraftUid() != null) {
            OptionalLong replaced = DraftReplace.replace(reader, mailbox, form.getDraftUid(), message);
            if (replaced.isPresent()) {
                return new SavedDraft(replaced.getAsLong(), own);
            }
        }
        long uid = append(mailbox, StandardFolders.DRAFTS, message);
        if (form.getDraftUid() != null && form.getDraftUid() != uid) {
            deleteDraft(mailbox, form.getDraftUid());
        }
        return new SavedDraft(uid, own);
    }

    MimeMessage build(MailboxSession mailbox, ComposeForm form, List<Upload> uploads, MemberSettings identity)
            throws MessagingException {
        MimeMessage message = new MimeMessage(connector.session());
        message.setFrom(from(mailbox.address(), identity));
        message.setRecipients(Message.RecipientType.TO, parseAddresses(form.getTo()));
        setIfAny(message, Message.RecipientType.CC, parseAddresses(form.getCc()));
        setIfAny(message, Message.RecipientType.BCC, parseAddresses(form.getBcc()));
        message.setSubject(form.getSubject(), "UTF-8");
        String inReplyTo = String.join(" ", MailReader.messageIds(form.getInReplyTo()));
        String references = String.join(" ", MailReader.messageIds(form.getReferences()));
        if (!inReplyTo.isEmpty()) {
            message.setHeader("In-Reply-To", inReplyTo);
        }
        if (!references.isEmpty()) {
            message.setHeader("References", references);
        }
        String text = form.getBody().replace("\r\n", "\n");
        List<MimeBodyPart> attachments = new ArrayList<>(carried(mailbox, form));
        for (Upload upload : uploads) {
            attachments.add(part(upload.filename(), upload.contentType(), upload.bytes()));
        }
        if (attachments.isEmpty()) {
            message.setText(text, "UTF-8");
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            mixed.addBodyPart(body);
            for (MimeBodyPart a : attachments) {
                mixed.addBodyPart(a);
            }
            message.setContent(mixed);
        }
        message.setSentDate(new Date());
        message.saveChanges();
        return message;
    }

    /**
     * The attachments of the forwarded message or of the draft being edited; none here for a message forwarded
     * decrypted (the compose page adds those, decrypted with the member's key, to the uploads).
     */
    private List<MimeBodyPart> carried(MailboxSession mailbox, ComposeForm form) throws MessagingException {
        if (!form.attachesFrom() || form.isAttachDecrypted()) {
            return List.of();
        }
        MimeMessage original = reader.original(mailbox, form.getAttachFromFolder(), form.getAttachFromUid());
        List<MimeBodyPart> out = new ArrayList<>();
        try {
            // One walk, bounded like the message page: the attachments it lists go along, no more.
            for (MessageParts.Located located : MessageParts.attachments(original)) {
                MessageParts.Attachment a = located.attachment();
                out.add(part(a.filename(), a.contentType(), MessageParts.bytes(located.part())));
            }
        } catch (java.io.IOException e) {
            throw new MessagingException("cannot read the attachments of message " + form.getAttachFromUid(), e);
        }
        return out;
    }

    private static MimeBodyPart part(String filename, String contentType, byte[] bytes) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
        part.setDisposition(Part.ATTACHMENT);
        // base64 whatever the type: a text file keeps its exact bytes (and line ends) through the round trip.
        part.setHeader("Content-Transfer-Encoding", "base64");
        part.setFileName(filename); // RFC 2231 (filename*=UTF-8''...) for non-ASCII names
        return part;
    }

    private static InternetAddress from(String address, MemberSettings identity) throws MessagingException {
        if (identity == null || identity.displayName().isEmpty()) {
            return new InternetAddress(address);
        }
        try {
            return new InternetAddress(address, identity.displayName(), "UTF-8");
        } catch (UnsupportedEncodingException e) {
            return new InternetAddress(address);
        }
    }

    private static void setIfAny(MimeMessage m, Message.RecipientType type, InternetAddress[] addresses)
            throws MessagingException {
        if (addresses.length > 0) {
            m.setRecipients(type, addresses);
        }
    }

    /** APPENDs to the folder (created if missing) and returns the new UID (UIDPLUS), or -1. */
    private static long append(MailboxSession mailbox, String folderName, MimeMessage message) throws MessagingException {
        Folder folder = mailbox.store().getFolder(folderName);
        if (!folder.exists()) {
            folder.create(Folder.HOLDS_MESSAGES);
        }
        AppendUID[] uids = ((IMAPFolder) folder).appendUIDMessages(new Message[] {message});
        return uids != null && uids.length == 1 && uids[0] != null ? uids[0].uid : -1;
    }

    private void deleteDraft(MailboxSession mailbox, long uid) throws MessagingException {
        try {
            reader.withFolder(mailbox, StandardFolders.DRAFTS, Folder.READ_WRITE, folder -> {
                Message m = ((IMAPFolder) folder).getMessageByUID(uid);
                if (m != null && !m.isExpunged() && m.isSet(Flags.Flag.DRAFT)) {
                    m.setFlag(Flags.Flag.DELETED, true);
                    ((IMAPFolder) folder).expunge(new Message[] {m});
                }
                return null;
            });
        } catch (MailReader.NotFoundException e) {
            // no Drafts folder: nothing to delete
        }
    }
}
