package org.facteur.webmail.mail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.facteur.webmail.threads.MessageThread;
import org.facteur.webmail.threads.ThreadedMessage;

/**
 * Turns a thread into its list line, without a server: which messages' headers are read for it (the first and
 * the {@link #NEWEST_READ} newest, so one long conversation costs a page no more than a few messages), and what
 * the line says.
 */
final class Conversations {
    /** Newest messages of a conversation whose From is read for the participants (besides the first message). */
    static final int NEWEST_READ = 9;
    /** Participants named on a line; the others are counted. */
    static final int MAX_PARTICIPANTS = 4;

    private Conversations() {
    }

    /** The UIDs whose headers a line needs: the first message (subject) and the newest ones (date, participants). */
    static Set<Long> toRead(MessageThread thread) {
        Set<Long> out = new LinkedHashSet<>();
        out.add(thread.firstUid());
        thread.uids().stream().sorted(Comparator.reverseOrder()).limit(NEWEST_READ).forEach(out::add);
        return out;
    }

    /**
     * The line of {@code thread}: {@code lines} holds the messages read (a message gone since the THREAD answer
     * is skipped), {@code unseen} and {@code flagged} the UIDs with those states; {@code me} is the member's
     * address, shown as "me" among the participants. Null when none of its messages could be read.
     */
    static ConversationSummary summarize(MessageThread thread, Map<Long, MessageSummary> lines, Set<Long> unseen,
            Set<Long> flagged, String me) {
        List<MessageSummary> read = new ArrayList<>();
        for (ThreadedMessage m : thread.messages()) {
            MessageSummary line = lines.get(m.uid());
            if (line != null) {
                read.add(line);
            }
        }
        if (read.isEmpty()) {
            return null;
        }
        MessageSummary newest = read.stream().max(Comparator.comparingLong(MessageSummary::uid)).orElseThrow();
        Set<String> addresses = new HashSet<>();
        List<ConversationSummary.Participant> participants = new ArrayList<>();
        int more = 0;
        for (MessageSummary line : read) {
            String address = address(line.from());
            if (!addresses.add(address)) {
                continue;
            }
            if (participants.size() == MAX_PARTICIPANTS) {
                more++;
                continue;
            }
            boolean isMe = address.equals(me.strip().toLowerCase(Locale.ROOT));
            participants.add(new ConversationSummary.Participant(isMe ? "" : name(line.from()), isMe));
        }
        boolean unread = thread.uids().stream().anyMatch(unseen::contains);
        boolean isFlagged = thread.uids().stream().anyMatch(flagged::contains);
        return new ConversationSummary(thread.uids(), newest.uid(), read.get(0).subject(), participants, more,
                newest.date(), unread, isFlagged);
    }

    /** The address of a From line ({@code Name <a@b>} or {@code a@b}), lower-cased, to tell people apart. */
    static String address(String from) {
        int open = from.lastIndexOf('<');
        int close = from.lastIndexOf('>');
        String address = open >= 0 && close > open ? from.substring(open + 1, close) : from;
        return address.strip().toLowerCase(Locale.ROOT);
    }

    /** The name of a From line, unquoted, or its address when it has none. */
    static String name(String from) {
        int open = from.lastIndexOf('<');
        if (open < 0 || from.lastIndexOf('>') < open) {
            return from.strip();
        }
        String name = from.substring(0, open).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return name.isEmpty() ? address(from) : name;
    }
}
