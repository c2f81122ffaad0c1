package org.facteur.webmail.mail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;

import org.facteur.webmail.imap.ImapThreads;
import org.facteur.webmail.imap.MailboxSession;
import org.facteur.webmail.settings.SettingsStore;
import org.facteur.webmail.threads.MalformedThreadListException;
import org.facteur.webmail.threads.MessageThread;
import org.facteur.webmail.threads.ThreadPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A folder grouped by conversation, threaded by the mail server ({@code UID THREAD REFERENCES UTF-8 ALL}, one
 * command a page), and one conversation's messages. When the member did not ask for it, or the server does not
 * thread (no {@value ImapThreads#CAPABILITY}, a refusal, an answer that is not a thread list), there is no
 * grouped page and the folder shows its plain list.
 */
@Service
public class ConversationReader {
    /** Messages a conversation page lists at most (the newest ones, kept in thread order). */
    static final int MAX_MESSAGES = 2 * MessagePage.SIZE;
    private static final Logger LOG = LoggerFactory.getLogger(ConversationReader.class);

    private final MailReader reader;
    private final SettingsStore settings;

    ConversationReader(MailReader reader, SettingsStore settings) {
        this.reader = reader;
        this.settings = settings;
    }

    /** One message of a conversation page: its list line and how many replies deep it is. */
    public record Line(MessageSummary message, int depth) {
        /** The indentation step shown: deeper replies stay at the last step, so a long chain stays readable. */
        public int indent() {
            return Math.min(depth, 6);
        }
    }

    /** A conversation page: its lines in thread order, and how many older messages were left out. */
    public record Messages(String folder, List<Line> lines, int omitted) {
        public String subject() {
            return lines.isEmpty() ? "" : lines.get(0).message().subject();
        }
    }

    /** Whether the member asked for conversations and the server can thread. */
    public boolean wanted(MailboxSession mailbox) throws MessagingException {
        try {
            return settings.load(mailbox.address()).groupConversations() && ImapThreads.supported(mailbox.store());
        } catch (IOException e) {
            LOG.warn("webmail: settings of {} unreadable: {}", mailbox.address(), e.toString());
            return false;
        }
    }

    /**
     * Page {@code page} of {@code folder} grouped by conversation ({@link MessagePage#SIZE} conversations a page),
     * or null when the member wants the plain list or the server cannot thread this folder.
     */
    public ConversationPage page(MailboxSession mailbox, String folderName, int page) throws MessagingException {
        if (!wanted(mailbox)) {
            return null;
        }
        return reader.withFolder(mailbox, folderName, Folder.READ_ONLY, folder -> {
            List<MessageThread> threads = threads(folder);
            if (threads == null) {
                return null;
            }
            ThreadPage slice = ThreadPage.of(threads, page, MessagePage.SIZE);
            Map<Long, Message> messages = byUid(folder, slice.uids());
            Set<Long> unseen = new HashSet<>();
            Set<Long> flagged = new HashSet<>();
            for (var e : messages.entrySet()) {
                if (!e.getValue().isSet(Flags.Flag.SEEN)) {
                    unseen.add(e.getKey());
                }
                if (e.getValue().isSet(Flags.Flag.FLAGGED)) {
                    flagged.add(e.getKey());
                }
            }
            Set<Long> toRead = new LinkedHashSet<>();
            slice.threads().forEach(t -> toRead.addAll(Conversations.toRead(t)));
            Map<Long, MessageSummary> lines = MailReader.lines(folder, present(messages, toRead));
            List<ConversationSummary> out = new ArrayList<>();
            for (MessageThread t : slice.threads()) {
                ConversationSummary s = Conversations.summarize(t, lines, unseen, flagged, mailbox.address());
                if (s != null) {
                    out.add(s);
                }
            }
            return new ConversationPage(folder.getFullName(), out, slice.page(), slice.pageCount(), slice.total());
        });
    }

    /**
     * The conversation of message {@code uid} in {@code folder}, as the server threads it, oldest first in thread
     * order (at most {@link #MAX_MESSAGES}, the newest). Just that message when the server cannot thread.
     */
    public Messages thread(MailboxSession mailbox, String folderName, long uid) throws MessagingException {
        return reader.withFolder(mailbox, folderName, Folder.READ_ONLY, folder -> {
            List<MessageThread> threads = ImapThreads.supported(mailbox.store()) ? threads(folder) : null;
            MessageThread thread = threads == null ? null
                    : threads.stream().filter(t -> t.uids().contains(uid)).findFirst().orElse(null);
            if (thread == null) {
                thread = new MessageThread(List.of(new org.facteur.webmail.threads.ThreadedMessage(uid, 0)));
            }
            Set<Long> kept = new HashSet<>(thread.uids().stream().sorted(Comparator.reverseOrder()).limit(MAX_MESSAGES).toList());
            Map<Long, Message> messages = byUid(folder, new ArrayList<>(kept));
            if (!messages.containsKey(uid)) {
                throw new MailReader.NotFoundException("no message " + uid + " in " + folder.getFullName());
            }
            Map<Long, MessageSummary> lines = MailReader.lines(folder, messages.values().toArray(Message[]::new));
            List<Line> out = new ArrayList<>();
            for (var m : thread.messages()) {
                MessageSummary line = lines.get(m.uid());
                if (line != null) {
                    out.add(new Line(line, m.depth()));
                }
            }
            return new Messages(folder.getFullName(), out, thread.size() - kept.size());
        });
    }

    /** The folder's threads, or null (logged) when the server refuses or answers something that is not a thread list. */
    private static List<MessageThread> threads(Folder folder) throws MessagingException {
        try {
            return ImapThreads.references(folder);
        } catch (FolderClosedException | StoreClosedException e) {
            throw e;
        } catch (MessagingException | MalformedThreadListException e) {
            LOG.warn("webmail: THREAD in {} failed, showing the plain list: {}", folder.getFullName(), e.toString());
            return null;
        }
    }

    /** The messages with these UIDs that still exist, with their UID and flags (two FETCH commands). */
    private static Map<Long, Message> byUid(Folder folder, List<Long> uids) throws MessagingException {
        long[] wanted = uids.stream().mapToLong(Long::longValue).sorted().toArray();
        Message[] found = ((UIDFolder) folder).getMessagesByUID(wanted);
        List<Message> present = new ArrayList<>();
        for (Message m : found) {
            if (m != null && !m.isExpunged()) {
                present.add(m);
            }
        }
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(present.toArray(Message[]::new), profile);
        Map<Long, Message> out = new java.util.LinkedHashMap<>();
        for (Message m : present) {
            out.put(((UIDFolder) folder).getUID(m), m);
        }
        return out;
    }

    private static Message[] present(Map<Long, Message> messages, Set<Long> uids) {
        return uids.stream().map(messages::get).filter(java.util.Objects::nonNull).toArray(Message[]::new);
    }
}
