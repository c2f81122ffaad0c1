package org.facteur.webmail.mail;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.SearchTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.facteur.webmail.imap.MailboxSession;
import org.springframework.stereotype.Service;

/** Reads folders and messages of the member's mailbox over their session's IMAP store. */
@Service
public class MailReader {
    public static final String INBOX = org.facteur.webmail.imap.StandardFolders.INBOX;
    /** Message-IDs a conversation search looks for at most (the last ones of References). */
    static final int MAX_THREAD_IDS = 20;
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,250}>");

    /** Thrown when the folder or the message does not exist (answered with 404). */
    public static class NotFoundException extends RuntimeException {
        public NotFoundException(String what) {
            super(what, null, false, false);
        }
    }

    /** A part to download: its name, MIME type and bytes. */
    public record AttachmentContent(String filename, String contentType, byte[] bytes) {
    }

    /** Work on an open folder. */
    @FunctionalInterface
    public interface FolderWork<T> {
        T run(Folder folder) throws MessagingException, IOException;
    }

    /** Folders that hold messages, INBOX first, then by name; with unread and total counts (IMAP STATUS). */
    public List<FolderSummary> folders(MailboxSession mailbox) throws MessagingException {
        Store store = mailbox.store();
        List<FolderSummary> out = new ArrayList<>();
        for (Folder f : store.getDefaultFolder().list("*")) {
            if ((f.getType() & Folder.HOLDS_MESSAGES) == 0) {
                continue;
            }
            out.add(summary(f));
        }
        out.sort(Comparator.comparing((FolderSummary s) -> !s.name().equalsIgnoreCase(INBOX))
                .thenComparing(FolderSummary::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    /**
     * {@code STATUS (MESSAGES UNSEEN)}, nothing more: Jakarta Mail's counts of a closed folder ask for every
     * item, and RECENT makes James list the folder's recent messages, a scan of the folder
     * (WebmailBenchmark, 10,000 messages: a fifth of the server's time before).
     */
    private static FolderSummary summary(Folder f) throws MessagingException {
        int unread;
        int total;
        if (f instanceof IMAPFolder imap) {
            Status status = (Status) imap.doCommand(p -> p.status(f.getFullName(), new String[] {"MESSAGES", "UNSEEN"}));
            unread = status.unseen;
            total = status.total;
        } else {
            unread = f.getUnreadMessageCount();
            total = f.getMessageCount();
        }
        return new FolderSummary(f.getFullName(), f.getName(), Math.max(0, unread), Math.max(0, total));
    }

    /** Page {@code page} (from 1) of {@code folder}, newest (last arrived) first, {@link MessagePage#SIZE} a page. */
    public MessagePage page(MailboxSession mailbox, String folderName, int page) throws MessagingException {
        // EXAMINE, not SELECT: on James 3.8.1 a SELECT clears \Recent message by message (a flag update
        // and a Lucene re-index each), which took over 20 s on a folder of 10,000 imported messages.
        return withFolder(mailbox, folderName, Folder.READ_ONLY, folder -> {
            int total = folder.getMessageCount();
            int pageCount = pageCount(total);
            int current = Math.min(Math.max(1, page), pageCount);
            Message[] slice = new Message[0];
            if (total > 0) {
                int end = total - (current - 1) * MessagePage.SIZE;
                int start = Math.max(1, end - MessagePage.SIZE + 1);
                slice = folder.getMessages(start, end);
            }
            return new MessagePage(folder.getFullName(), summaries(folder, slice), current, pageCount, total);
        });
    }

    /**
     * Messages of {@code folder} matching {@code query} in {@code field}, found by the server (IMAP SEARCH,
     * answered from James's Lucene index), newest first and paginated like {@link #page}.
     */
    public MessagePage search(MailboxSession mailbox, String folderName, String query, SearchField field, int page)
            throws MessagingException {
        return withFolder(mailbox, folderName, Folder.READ_ONLY, folder -> {
            Message[] found = folder.search(field.term(query.strip()));
            int total = found.length;
            int pageCount = pageCount(total);
            int current = Math.min(Math.max(1, page), pageCount);
            int end = total - (current - 1) * MessagePage.SIZE;
            int start = Math.max(0, end - MessagePage.SIZE);
            Message[] slice = total == 0 ? found : Arrays.copyOfRange(found, start, end);
            return new MessagePage(folder.getFullName(), summaries(folder, slice), current, pageCount, total);
        });
    }

    /** One message, marked as read (opening it in a client does the same). */
    public MessageView message(MailboxSession mailbox, String folderName, long uid) throws MessagingException {
        return withFolder(mailbox, folderName, Folder.READ_WRITE, folder -> {
            Message m = byUid(folder, uid);
            // All headers in one FETCH (BODY.PEEK[HEADER]): fetched one by one, In-Reply-To came back empty from James 3.8.1.
            m.getAllHeaders();
            MessageParts.Parsed parts = MessageParts.parse(m);
            m.setFlag(Flags.Flag.SEEN, true);
            return new MessageView(folder.getFullName(), uid, first(m.getFrom()), addresses(m.getReplyTo()),
                    addresses(m.getRecipients(Message.RecipientType.TO)),
                    addresses(m.getRecipients(Message.RecipientType.CC)), subject(m), date(m), parts.text(),
                    parts.html(), parts.attachments(), m.isSet(Flags.Flag.FLAGGED), header(m, "Message-ID"),
                    header(m, "In-Reply-To"), header(m, "References"));
        });
    }

    /** The attachment numbered {@code index} in the message (see {@link MessageParts}). */
    public AttachmentContent attachment(MailboxSession mailbox, String folderName, long uid, int index)
            throws MessagingException {
        return withFolder(mailbox, folderName, Folder.READ_ONLY, folder -> {
            Part part = MessageParts.attachment(byUid(folder, uid), index);
            if (part == null) {
                throw new NotFoundException("no part " + index + " in message " + uid);
            }
            byte[] bytes;
            try (var in = part.getInputStream()) {
                bytes = in.readAllBytes();
            }
            return new AttachmentContent(MessageParts.filename(part, index), MessageParts.baseType(part), bytes);
        });
    }

    /** The whole message as the server stores it (for forwarding its attachments, or "view source"). */
    public MimeMessage original(MailboxSession mailbox, String folderName, long uid) throws MessagingException {
        return withFolder(mailbox, folderName, Folder.READ_ONLY, folder -> new MimeMessage((MimeMessage) byUid(folder, uid)));
    }

    /**
     * The conversation {@code message} belongs to, in its folder and in Sent: every message whose
     * Message-ID is in its References/In-Reply-To, or that refers to its Message-ID or to the same
     * thread root; oldest first. Built with IMAP SEARCH HEADER, so only the page's messages are fetched.
     */
    public List<ConversationEntry> conversation(MailboxSession mailbox, MessageView message, String sentFolder)
            throws MessagingException {
        Set<String> ids = new LinkedHashSet<>();
        List<String> refs = messageIds(message.references());
        ids.addAll(refs.subList(Math.max(0, refs.size() - MAX_THREAD_IDS), refs.size()));
        ids.addAll(messageIds(message.inReplyTo()));
        ids.addAll(messageIds(message.messageId()));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<SearchTerm> terms = new ArrayList<>();
        for (String id : ids) {
            terms.add(new HeaderTerm("Message-ID", id));
            terms.add(new HeaderTerm("In-Reply-To", id));
            terms.add(new HeaderTerm("References", id));
        }
        SearchTerm thread = new OrTerm(terms.toArray(SearchTerm[]::new));
        List<ConversationEntry> out = new ArrayList<>();
        Set<String> folders = new LinkedHashSet<>(List.of(message.folder(), sentFolder));
        for (String name : folders) {
            try {
                out.addAll(withFolder(mailbox, name, Folder.READ_ONLY, folder -> {
                    List<ConversationEntry> in = new ArrayList<>();
                    for (MessageSummary s : summaries(folder, folder.search(thread))) {
                        boolean current = folder.getFullName().equals(message.folder()) && s.uid() == message.uid();
                        in.add(new ConversationEntry(folder.getFullName(), s, current));
                    }
                    return in;
                }));
            } catch (NotFoundException e) {
                // no such folder (a mailbox without Sent): nothing to add from it
            }
        }
        out.sort(Comparator.comparing((ConversationEntry e) -> e.message().date(),
                Comparator.nullsFirst(Comparator.naturalOrder())));
        return out.size() > 1 ? out : List.of();
    }

    /** The Message-IDs ({@code <...>}) in a header value, in order; anything else is dropped. */
    public static List<String> messageIds(String header) {
        if (header == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher m = MESSAGE_ID.matcher(header);
        while (m.find()) {
            ids.add(m.group());
        }
        return ids;
    }

    private static List<MessageSummary> summaries(Folder folder, Message[] messages) throws MessagingException {
        if (messages.length == 0) {
            return List.of();
        }
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(messages, profile);
        UIDFolder uids = (UIDFolder) folder;
        List<MessageSummary> lines = new ArrayList<>(messages.length);
        for (int i = messages.length - 1; i >= 0; i--) {
            Message m = messages[i];
            lines.add(new MessageSummary(uids.getUID(m), first(m.getFrom()), subject(m), date(m),
                    m.isSet(Flags.Flag.SEEN), m.isSet(Flags.Flag.FLAGGED)));
        }
        return lines;
    }

    private static int pageCount(int total) {
        return Math.max(1, (total + MessagePage.SIZE - 1) / MessagePage.SIZE);
    }

    static Message byUid(Folder folder, long uid) throws MessagingException {
        Message m = ((UIDFolder) folder).getMessageByUID(uid);
        if (m == null || m.isExpunged()) {
            throw new NotFoundException("no message " + uid + " in " + folder.getFullName());
        }
        return m;
    }

    /**
     * Opens the folder, runs {@code work}, closes it. Retries once on James 3.8.1's "Invalid messageset"
     * answer, which it can give to a FETCH sent just after SELECT while a message is being delivered.
     */
    public <T> T withFolder(MailboxSession mailbox, String name, int mode, FolderWork<T> work) throws MessagingException {
        for (int attempt = 1; ; attempt++) {
            Folder folder = mailbox.store().getFolder(name == null || name.isBlank() ? INBOX : name);
            if (!folder.exists() || (folder.getType() & Folder.HOLDS_MESSAGES) == 0) {
                throw new NotFoundException("no folder " + name);
            }
            folder.open(mode);
            try {
                return work.run(folder);
            } catch (MessagingException e) {
                if (attempt >= 2 || !isMessageSetRace(e)) {
                    throw e;
                }
            } catch (IOException e) {
                throw new MessagingException("cannot read from " + name, e);
            } finally {
                close(folder);
            }
        }
    }

    static boolean isMessageSetRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Invalid messageset")) {
                return true;
            }
        }
        return false;
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

    private static String header(Message m, String name) throws MessagingException {
        String[] values = m.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
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
