package org.facteur.webmail.mail;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.SearchTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.facteur.webmail.imap.ImapFetch;
import org.facteur.webmail.imap.MailboxSession;
import org.facteur.webmail.mime.Addresses;
import org.facteur.webmail.mime.BodyText;
import org.facteur.webmail.mime.HeaderBlock;
import org.facteur.webmail.mime.MailDates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reads folders and messages of the member's mailbox over their session's IMAP store.
 *
 * <p>Headers are fetched as the sender wrote them (bounded) and read here leniently ({@link HeaderBlock},
 * {@link Addresses}, {@link MailDates}): no header of one message can fail a page. Jakarta Mail's own
 * accessors are strict: its ENVELOPE parser throws on the address James sends for {@code <a:b@evil.test>}
 * (the INBOX answered 502), and its header getters refuse such addresses; James's HEADER.FIELDS and
 * ENVELOPE also turn 8-bit letters into "?".
 */
@Service
public class MailReader {
    public static final String INBOX = org.facteur.webmail.imap.StandardFolders.INBOX;
    /** Message-IDs a conversation search looks for at most (the last ones of References). */
    static final int MAX_THREAD_IDS = 20;
    /** Message-IDs taken from In-Reply-To (one in real mail). */
    static final int MAX_REPLY_IDS = 5;
    /** Messages a conversation lists at most (the latest ones). */
    static final int MAX_CONVERSATION = MessagePage.SIZE;
    /** Header bytes read for a message view: enough for 5,000 recipients; the rest of a hostile header is not read. */
    static final int MAX_HEADER_BYTES = 256 * 1024;
    /** Header bytes read per line of a list: From, Subject and Date, or the whole header when those came garbled. */
    static final int MAX_LINE_HEADER_BYTES = 32 * 1024;
    /** Header bytes read per attachment whose name is looked up. */
    static final int MAX_PART_HEADER_BYTES = 8 * 1024;
    /** Bytes parsed here when the server cannot describe a message's structure. */
    static final int MAX_LOCAL_BYTES = 4 * 1024 * 1024;
    private static final String LINE_FIELDS = "HEADER.FIELDS (FROM SUBJECT DATE)";
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,250}>");
    private static final Logger LOG = LoggerFactory.getLogger(MailReader.class);
    /** Parses messages the server could not describe: lenient settings, no connection. */
    private static final Session LOCAL = Session.getInstance(localProperties());

    /** Thrown when the folder or the message does not exist (answered with 404). */
    public static class NotFoundException extends RuntimeException {
        public NotFoundException(String what) {
            super(what, null, false, false);
        }
    }

    /** Thrown for a request no page of the webmail makes (answered with 400). */
    public static class BadRequestException extends RuntimeException {
        public BadRequestException(String what) {
            super(what, null, false, false);
        }
    }

    /** A part to download: its name, MIME type and bytes. */
    public record AttachmentContent(String filename, String contentType, byte[] bytes) {
        /**
         * The part numbered {@code index} by {@link MessageParts} as it is downloaded, whether it was read from the
         * server or from a message decrypted here: the same name cleaning, type and transfer decoding for both.
         */
        public static AttachmentContent of(Part part, int index) throws MessagingException, IOException {
            return new AttachmentContent(MessageParts.downloadName(part, index), MessageParts.baseType(part),
                    MessageParts.bytes(part));
        }
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
            // All headers in one FETCH: fetched one by one (HEADER.FIELDS), In-Reply-To came back empty from James 3.8.1.
            HeaderBlock h = HeaderBlock.parse(ImapFetch.peek(folder, m, "HEADER", MAX_HEADER_BYTES));
            MessageParts.Parsed parts = parts(folder, m);
            m.setFlag(Flags.Flag.SEEN, true);
            return new MessageView(folder.getFullName(), uid, Addresses.first(h.raw("From")),
                    Addresses.parse(h.raw("Reply-To")), Addresses.parse(h.raw("To")), Addresses.parse(h.raw("Cc")),
                    h.text("Subject"), date(h, folder, m), parts.text(), parts.html(), parts.attachments(),
                    m.isSet(Flags.Flag.FLAGGED), String.join(" ", firstIds(h.raw("Message-ID"), 1)),
                    String.join(" ", firstIds(h.raw("In-Reply-To"), MAX_REPLY_IDS)),
                    String.join(" ", threadIds(h.raw("References"))),
                    new MessageView.Omissions(parts.attachmentsNotShown(), parts.cut()), parts.openPgp());
        });
    }

    /** The whole message as stored (at most {@link #MAX_LOCAL_BYTES}), for decrypting it here; not marked read. */
    public byte[] raw(MailboxSession mailbox, String folderName, long uid) throws MessagingException {
        return withFolder(mailbox, folderName, Folder.READ_ONLY,
                folder -> ImapFetch.peek(folder, byUid(folder, uid), "", MAX_LOCAL_BYTES));
    }

    /**
     * The bodies and attachments, from the structure the server describes (BODYSTRUCTURE). When the server
     * cannot describe it (James 3.8.1 fails on some broken part headers), the first {@link #MAX_LOCAL_BYTES}
     * are parsed here; when the structure holds nothing (a multipart whose boundary never comes), the raw
     * body is shown as text.
     */
    private MessageParts.Parsed parts(Folder folder, Message m) throws MessagingException, IOException {
        MessageParts.Parsed parsed;
        try {
            parsed = MessageParts.parse(m, sections -> partHeaders(folder, m, sections));
        } catch (MessagingException | IOException | RuntimeException e) {
            if (!folder.isOpen()) {
                throw e;
            }
            LOG.info("webmail: the server cannot describe message {} of {} ({}); reading it here", m.getMessageNumber(),
                    folder.getFullName(), e.toString());
            parsed = MessageParts.parse(local(ImapFetch.peek(folder, m, "", MAX_LOCAL_BYTES)));
        }
        if (parsed.isEmpty()) {
            BodyText.Read raw = BodyText.read(ImapFetch.peek(folder, m, "TEXT", MessageParts.MAX_BODY_CHARS + 1),
                    MessageParts.MAX_BODY_CHARS);
            parsed = new MessageParts.Parsed(raw.text(), null, List.of(), 0, raw.cut());
        }
        return parsed;
    }

    /** The MIME headers of several parts in one FETCH ({@code ""} is the message's own header). */
    private static Map<String, byte[]> partHeaders(Folder folder, Message m, List<String> sections)
            throws MessagingException {
        List<String> asked = sections.stream().map(s -> s.isEmpty() ? "HEADER" : s + ".MIME").toList();
        Map<String, byte[]> fetched = ImapFetch.peek(folder, m, asked, MAX_PART_HEADER_BYTES);
        Map<String, byte[]> out = new HashMap<>();
        for (String s : sections) {
            byte[] bytes = fetched.get(s.isEmpty() ? "HEADER" : s + ".MIME");
            if (bytes != null) {
                out.put(s, bytes);
            }
        }
        return out;
    }

    private static MimeMessage local(byte[] raw) throws MessagingException {
        return new MimeMessage(LOCAL, new java.io.ByteArrayInputStream(raw));
    }

    private static Properties localProperties() {
        Properties p = new Properties();
        p.put("mail.mime.address.strict", "false");
        p.put("mail.mime.multipart.ignoremissingendboundary", "true");
        p.put("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        p.put("mail.mime.contentdisposition.strict", "false");
        p.put("mail.mime.base64.ignoreerrors", "true");
        p.put("mail.mime.ignoreunknownencoding", "true");
        return p;
    }

    /** The attachment numbered {@code index} in the message (see {@link MessageParts}). */
    public AttachmentContent attachment(MailboxSession mailbox, String folderName, long uid, int index)
            throws MessagingException {
        return withFolder(mailbox, folderName, Folder.READ_ONLY, folder -> {
            Message m = byUid(folder, uid);
            Part part;
            try {
                part = MessageParts.attachment(m, index);
            } catch (MessagingException | IOException | RuntimeException e) {
                if (!folder.isOpen()) {
                    throw e;
                }
                part = MessageParts.attachment(local(ImapFetch.whole(folder, m)), index);
            }
            if (part == null) {
                throw new NotFoundException("no part " + index + " in message " + uid);
            }
            return AttachmentContent.of(part, index);
        });
    }

    /**
     * The whole message as the server stores it (for forwarding its attachments, or "view source"), in one
     * FETCH, parsed here leniently.
     */
    public MimeMessage original(MailboxSession mailbox, String folderName, long uid) throws MessagingException {
        return withFolder(mailbox, folderName, Folder.READ_ONLY, folder -> local(ImapFetch.whole(folder, byUid(folder, uid))));
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
        ids.addAll(firstIds(message.inReplyTo(), MAX_REPLY_IDS));
        ids.addAll(firstIds(message.messageId(), 1));
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
                    Message[] found = folder.search(thread);
                    Message[] latest = Arrays.copyOfRange(found, Math.max(0, found.length - MAX_CONVERSATION), found.length);
                    for (MessageSummary s : summaries(folder, latest)) {
                        boolean current = folder.getFullName().equals(message.folder()) && s.uid() == message.uid();
                        in.add(new ConversationEntry(folder.getFullName(), s, current));
                    }
                    return in;
                }));
            } catch (NotFoundException e) {
                // no such folder (a mailbox without Sent): nothing to add from it
            } catch (MessagingException e) {
                if (e instanceof FolderClosedException || e instanceof StoreClosedException) {
                    throw e;
                }
                // the server refused the search: the message is still shown, without its conversation
                LOG.info("webmail: conversation search in {} failed: {}", name, e.toString());
            }
        }
        // Date headers have whole seconds: a reply sent within the same second as its original ties with it, and
        // the message being read (usually the newest, opened from the inbox) then goes last.
        out.sort(Comparator.comparing((ConversationEntry e) -> e.message().date(),
                        Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(ConversationEntry::current));
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

    /** The first {@code max} Message-IDs of a header value. */
    static List<String> firstIds(String header, int max) {
        List<String> ids = messageIds(header);
        return ids.size() > max ? ids.subList(0, max) : ids;
    }

    /** The References a reply carries on: the thread's root and the last ids before it (RFC 5322 allows trimming). */
    static List<String> threadIds(String header) {
        List<String> ids = messageIds(header);
        if (ids.size() <= MAX_THREAD_IDS) {
            return ids;
        }
        List<String> kept = new ArrayList<>(MAX_THREAD_IDS);
        kept.add(ids.get(0));
        kept.addAll(ids.subList(ids.size() - (MAX_THREAD_IDS - 1), ids.size()));
        return kept;
    }

    /**
     * List lines, newest first: UID, flags and arrival date in one FETCH, then From, Subject and Date as
     * written (at most {@link #MAX_LINE_HEADER_BYTES} each) in another. A message whose headers the server
     * will not give still gets its line.
     */
    private static List<MessageSummary> summaries(Folder folder, Message[] messages) throws MessagingException {
        if (messages.length == 0) {
            return List.of();
        }
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
        folder.fetch(messages, profile);
        Map<Integer, byte[]> headers = lineHeaders(folder, messages);
        UIDFolder uids = (UIDFolder) folder;
        List<MessageSummary> lines = new ArrayList<>(messages.length);
        for (int i = messages.length - 1; i >= 0; i--) {
            Message m = messages[i];
            HeaderBlock h = HeaderBlock.parse(headers.get(m.getMessageNumber()));
            lines.add(new MessageSummary(uids.getUID(m), Addresses.first(h.raw("From")), h.text("Subject"), date(h, folder, m),
                    m.isSet(Flags.Flag.SEEN), m.isSet(Flags.Flag.FLAGGED)));
        }
        return lines;
    }

    /** The list lines of {@code messages} (of the open {@code folder}) by UID. */
    static Map<Long, MessageSummary> lines(Folder folder, Message[] messages) throws MessagingException {
        Message[] ordered = messages.clone();
        Arrays.sort(ordered, Comparator.comparingInt(Message::getMessageNumber));
        Map<Long, MessageSummary> out = new HashMap<>();
        for (MessageSummary s : summaries(folder, ordered)) {
            out.put(s.uid(), s);
        }
        return out;
    }

    /**
     * From, Subject and Date of each message: one FETCH of those fields for all of them (one by one if the
     * server refuses the batch). James 3.8.1 answers HEADER.FIELDS with 8-bit letters turned into "?", so
     * the lines whose From or Subject shows a "?" get their whole header (as stored) in a second FETCH.
     */
    private static Map<Integer, byte[]> lineHeaders(Folder folder, Message[] messages) throws MessagingException {
        Map<Integer, byte[]> out = peekEach(folder, messages, LINE_FIELDS);
        List<Message> garbled = new ArrayList<>();
        for (Message m : messages) {
            HeaderBlock h = HeaderBlock.parse(out.get(m.getMessageNumber()));
            if (h.text("Subject").indexOf('?') >= 0 || Addresses.first(h.raw("From")).indexOf('?') >= 0) {
                garbled.add(m);
            }
        }
        if (!garbled.isEmpty()) {
            peekEach(folder, garbled.toArray(Message[]::new), "HEADER").forEach((number, whole) -> {
                HeaderBlock h = HeaderBlock.parse(whole);
                if (h.raw("From") != null || h.raw("Subject") != null) {
                    out.put(number, whole);
                }
            });
        }
        return out;
    }

    private static Map<Integer, byte[]> peekEach(Folder folder, Message[] messages, String section) throws MessagingException {
        try {
            return ImapFetch.peekEach(folder, messages, section, MAX_LINE_HEADER_BYTES);
        } catch (MessagingException batch) {
            if (!folder.isOpen()) {
                throw batch;
            }
            Map<Integer, byte[]> out = new HashMap<>();
            for (Message m : messages) {
                try {
                    out.put(m.getMessageNumber(), ImapFetch.peek(folder, m, section, MAX_LINE_HEADER_BYTES));
                } catch (MessagingException e) {
                    if (!folder.isOpen()) {
                        throw e;
                    }
                    LOG.info("webmail: headers of message {} in {} unreadable: {}", m.getMessageNumber(),
                            folder.getFullName(), e.toString());
                }
            }
            return out;
        }
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

    /**
     * The Date header, or the arrival date (INTERNALDATE) when it is missing or not a date. INTERNALDATE is
     * fetched on its own: Jakarta Mail would load the ENVELOPE for it, which it cannot read when James
     * builds it from an address such as {@code <a:b@evil.test>} ("Failed to load IMAP envelope").
     */
    private static Instant date(HeaderBlock h, Folder folder, Message m) throws MessagingException {
        Instant sent = MailDates.parse(h.raw("Date"));
        if (sent != null) {
            return sent;
        }
        FetchProfile internalDate = new FetchProfile();
        internalDate.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
        folder.fetch(new Message[] {m}, internalDate);
        java.util.Date received = m.getReceivedDate();
        return received == null ? null : received.toInstant();
    }
}
