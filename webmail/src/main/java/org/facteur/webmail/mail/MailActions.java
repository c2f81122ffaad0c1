package org.facteur.webmail.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.facteur.webmail.imap.MailboxSession;
import org.springframework.stereotype.Service;

/**
 * What a member does to messages: mark read or unread, flag, move (IMAP MOVE), delete. Deleting moves to
 * Trash, as every mail client does; deleting in Trash removes for good (STORE \Deleted + UID EXPUNGE of
 * those messages only).
 */
@Service
public class MailActions {
    /** The Trash folder every Facteur mailbox is created with (RFC 6154 \Trash). */
    public static final String TRASH = org.facteur.webmail.imap.StandardFolders.TRASH;

    public enum Action {
        READ, UNREAD, FLAG, UNFLAG, DELETE, MOVE;

        public static Action parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("unknown action " + value);
            }
        }
    }

    private final MailReader reader;

    public MailActions(MailReader reader) {
        this.reader = reader;
    }

    /** Applies {@code action} to the messages {@code uids} of {@code folder}; {@code target} is MOVE's destination. */
    public void apply(MailboxSession mailbox, String folderName, List<Long> uids, Action action, String target)
            throws MessagingException {
        if (uids.isEmpty()) {
            return;
        }
        String destination = action == Action.DELETE ? TRASH : target;
        if (action == Action.MOVE || action == Action.DELETE) {
            if (destination == null || destination.isBlank() || !mailbox.store().getFolder(destination).exists()) {
                throw new MailReader.NotFoundException("no folder " + destination);
            }
        }
        reader.withFolder(mailbox, folderName, Folder.READ_WRITE, folder -> {
            Message[] messages = messages(folder, uids);
            switch (action) {
                case READ -> folder.setFlags(messages, new Flags(Flags.Flag.SEEN), true);
                case UNREAD -> folder.setFlags(messages, new Flags(Flags.Flag.SEEN), false);
                case FLAG -> folder.setFlags(messages, new Flags(Flags.Flag.FLAGGED), true);
                case UNFLAG -> folder.setFlags(messages, new Flags(Flags.Flag.FLAGGED), false);
                case DELETE, MOVE -> {
                    if (folder.getFullName().equals(destination)) {
                        if (action == Action.DELETE) {
                            folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
                            ((IMAPFolder) folder).expunge(messages);
                        }
                    } else {
                        ((IMAPFolder) folder).moveMessages(messages, mailbox.store().getFolder(destination));
                    }
                }
            }
            return null;
        });
    }

    private static Message[] messages(Folder folder, List<Long> uids) throws MessagingException {
        long[] wanted = uids.stream().mapToLong(Long::longValue).toArray();
        List<Message> found = new ArrayList<>();
        for (Message m : ((UIDFolder) folder).getMessagesByUID(wanted)) {
            if (m != null && !m.isExpunged()) {
                found.add(m);
            }
        }
        if (found.isEmpty()) {
            throw new MailReader.NotFoundException("none of " + uids + " in " + folder.getFullName());
        }
        return found.toArray(Message[]::new);
    }
}
