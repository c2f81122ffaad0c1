package org.facteur.webmail.mail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One line of the message list grouped by conversation: its messages' UIDs (in thread order), the subject of
 * its first message, who wrote in it, the newest message's date and UID, and whether any message is unread or
 * flagged.
 */
public record ConversationSummary(List<Long> uids, long newestUid, String subject, List<Participant> participants,
        int moreParticipants, Instant date, boolean unread, boolean flagged) {

    /** Someone who wrote in the conversation: the name (or the address) shown, or the member herself. */
    public record Participant(String name, boolean me) {
    }

    public ConversationSummary {
        uids = List.copyOf(uids);
        participants = List.copyOf(participants);
    }

    public int count() {
        return uids.size();
    }

    /** The UIDs as one form value ({@code 4,7}), what a checkbox of the list sends for the whole conversation. */
    public String uidValue() {
        return uids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The date in the server's time zone, for display; null when the newest message has none. */
    public ZonedDateTime localDate() {
        return date == null ? null : date.atZone(ZoneId.systemDefault());
    }
}
