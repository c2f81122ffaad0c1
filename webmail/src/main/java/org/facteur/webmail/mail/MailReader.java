package org.facteur.webmail.mail;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;

import org.facteur.webmail.imap.MailboxSession;
import org.springframework.stereotype.Service;

/** Reads folders and messages of the member's mailbox over their session's IMAP store. */
@Service
public class MailReader {
    public static final String INBOX = "INBOX";
    /** Bodies longer than this are cut: a webmail page is not the place for a 50 MB text. */
    static final int MAX_BODY_CHARS = 2_000_000;

    /** Thrown when the folder or the message does not exist (answered with 404). */
    public static class NotFoundException extends RuntimeException {
        public NotFoundException(String what) {
            super(what, null, false, false);
        }
    }

    /** Folders that hold messages, INBOX first, then by name; with unread and total counts (IMAP STATUS). */
    public List<FolderSummary> folders(MailboxSession mailbox) throws MessagingException {
        Store store = mailbox.store();
        List<FolderSummary> out = new ArrayList<>();
        for (Folder f : store.getDefaultFolder().list("*")) {
            if ((f.getType() & Folder.HOLDS_MESSAGES) == 0) {
                continue;
            }
            out.add(new FolderSummary(f.getFullName(), f.getName(), Math.max(0, f.getUnreadMessageCount()),
                    Math.max(0, f.getMessageCount())));
        }
        out.sort(Comparator.comparing((FolderSummary s) -> !s.name().equalsIgnoreCase(INBOX))
                .thenComparing(FolderSummary::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    /** Page {@code page} (from 1) of {@code folder}, newest (last arrived) first, {@link MessagePage#SIZE} a page. */
    public MessagePage page(MailboxSession mailbox, String folderName, int page) throws MessagingException {
        Folder folder = open(mailbox, folderName, Folder.READ_ONLY);
        try {
            int total = folder.getMessageCount();
            int pageCount = Math.max(1, (total + MessagePage.SIZE - 1) / MessagePage.SIZE);
            int current = Math.min(Math.max(1, page), pageCount);
            List<MessageSummary> lines = new ArrayList<>();
            if (total > 0) {
                int end = total - (current - 1) * MessagePage.SIZE;
                int start = Math.max(1, end - MessagePage.SIZE + 1);
                Message[] messages = folder.getMessages(start, end);
                FetchProfile profile = new FetchProfile();
                profile.add(FetchProfile.Item.ENVELOPE);
                profile.add(FetchProfile.Item.FLAGS);
                profile.add(UIDFolder.FetchProfileItem.UID);
                folder.fetch(messages, profile);
                UIDFolder uids = (UIDFolder) folder;
                for (int i = messages.length - 1; i >= 0; i--) {
                    Message m = messages[i];
                    lines.add(new MessageSummary(uids.getUID(m), first(m.getFrom()), subject(m),
                            date(m), m.isSet(Flags.Flag.SEEN)));
                }
            }
            return new MessagePage(folder.getFullName(), lines, current, pageCount, total);
        } finally {
            close(folder);
        }
    }

    /** One message, marked as read (opening it in a client does the same). */
    public MessageView message(MailboxSession mailbox, String folderName, long uid) throws MessagingException {
        Folder folder = open(mailbox, folderName, Folder.READ_WRITE);
        try {
            Message m = ((UIDFolder) folder).getMessageByUID(uid);
            if (m == null || m.isExpunged()) {
                throw new NotFoundException("no message " + uid + " in " + folderName);
            }
            Bodies bodies = new Bodies();
            try {
                bodies.collect(m, 0);
            } catch (IOException e) {
                throw new MessagingException("cannot read message " + uid, e);
            }
            m.setFlag(Flags.Flag.SEEN, true);
            return new MessageView(folder.getFullName(), uid, first(m.getFrom()),
                    addresses(m.getRecipients(Message.RecipientType.TO)),
                    addresses(m.getRecipients(Message.RecipientType.CC)), subject(m), date(m),
                    bodies.text, bodies.html);
        } finally {
            close(folder);
        }
    }

    /** The first text/plain and first text/html parts that are not attachments. */
    private static final class Bodies {
        String text;
        String html;

        void collect(Part part, int depth) throws MessagingException, IOException {
            if (depth > 20) {
                return;
            }
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
            if (part.isMimeType("multipart/*")) {
                Object content = part.getContent();
                if (content instanceof Multipart mp) {
                    for (int i = 0; i < mp.getCount(); i++) {
                        collect(mp.getBodyPart(i), depth + 1);
                    }
                }
            } else if (!attachment && part.isMimeType("text/plain") && text == null) {
                text = cut(asText(part));
            } else if (!attachment && part.isMimeType("text/html") && html == null) {
                html = cut(asText(part));
            }
        }

        private static String asText(Part part) throws MessagingException, IOException {
            try {
                Object content = part.getContent();
                return content instanceof String s ? s : new String(part.getInputStream().readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.UnsupportedEncodingException e) {
                // Unknown charset: show the bytes as UTF-8 rather than nothing.
                return new String(part.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }

        private static String cut(String s) {
            return s.length() > MAX_BODY_CHARS ? s.substring(0, MAX_BODY_CHARS) : s;
        }
    }

    private static Folder open(MailboxSession mailbox, String name, int mode) throws MessagingException {
        Folder folder = mailbox.store().getFolder(name == null || name.isBlank() ? INBOX : name);
        if (!folder.exists() || (folder.getType() & Folder.HOLDS_MESSAGES) == 0) {
            throw new NotFoundException("no folder " + name);
        }
        folder.open(mode);
        return folder;
    }

    private static void close(Folder folder) {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException ignored) {
            // the connection is gone; the store reconnects on next use
        }
    }

    private static String subject(Message m) throws MessagingException {
        String s = m.getSubject();
        return s == null ? "" : s;
    }

    private static Instant date(Message m) throws MessagingException {
        java.util.Date d = m.getSentDate() != null ? m.getSentDate() : m.getReceivedDate();
        return d == null ? null : d.toInstant();
    }

    static String first(Address[] addresses) {
        List<String> all = addresses(addresses);
        return all.isEmpty() ? "" : all.get(0);
    }

    static List<String> addresses(Address[] addresses) {
        if (addresses == null) {
            return List.of();
        }
        return Arrays.stream(addresses)
                .map(a -> a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString())
                .toList();
    }
}
