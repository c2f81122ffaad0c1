package org.facteur.webmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.facteur.webmail.threads.MessageThread;
import org.facteur.webmail.threads.ThreadListParser;
import org.junit.jupiter.api.Test;

/** The line of a conversation: subject of the first message, newest date, participants, unread and flagged states. */
class ConversationsTest {
    private static final String ME = "alice@example.org";

    private static MessageThread thread(String lists) {
        return ThreadListParser.parse(lists).get(0);
    }

    private static MessageSummary line(long uid, String from, String subject, String date) {
        return new MessageSummary(uid, from, subject, Instant.parse(date), true);
    }

    @Test
    void aConversationSaysItsFirstSubjectNewestDateAndWhoWrote() {
        MessageThread t = thread("(2 (5)(3 6))");
        Map<Long, MessageSummary> lines = Map.of(
                2L, line(2, "Bob Martin <bob@example.org>", "Plan", "2026-03-02T09:00:00Z"),
                3L, line(3, "Alice <Alice@Example.org>", "Re: Plan", "2026-03-02T11:00:00Z"),
                5L, line(5, "\"Durand, Élise\" <elise@example.org>", "Re: Plan", "2026-03-02T10:30:00Z"),
                6L, line(6, "bob@example.org", "Re: Re: Plan", "2026-03-03T09:00:00Z"));
        ConversationSummary s = Conversations.summarize(t, lines, Set.of(5L), Set.of(), ME);
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.uids()).containsExactly(2L, 5L, 3L, 6L);
        assertThat(s.uidValue()).isEqualTo("2,5,3,6");
        assertThat(s.subject()).isEqualTo("Plan");
        assertThat(s.newestUid()).isEqualTo(6);
        assertThat(s.date()).isEqualTo(Instant.parse("2026-03-03T09:00:00Z"));
        assertThat(s.participants()).containsExactly(new ConversationSummary.Participant("Bob Martin", false),
                new ConversationSummary.Participant("Durand, Élise", false), new ConversationSummary.Participant("", true));
        assertThat(s.moreParticipants()).isZero();
        assertThat(s.unread()).isTrue();
        assertThat(s.flagged()).isFalse();
    }

    @Test
    void readWhenNoMessageIsUnreadFlaggedWhenOneIs() {
        MessageThread t = thread("(4 7)");
        Map<Long, MessageSummary> lines = Map.of(4L, line(4, "a@example.org", "Lunch", "2026-03-02T10:00:00Z"),
                7L, line(7, "b@example.org", "Fwd: Lunch", "2026-03-04T09:00:00Z"));
        ConversationSummary s = Conversations.summarize(t, lines, Set.of(1L, 2L), Set.of(7L), ME);
        assertThat(s.unread()).isFalse();
        assertThat(s.flagged()).isTrue();
        assertThat(s.participants()).extracting(ConversationSummary.Participant::name).containsExactly("a@example.org", "b@example.org");
    }

    @Test
    void aMissingRootTakesTheSubjectOfItsFirstReply() {
        MessageThread t = thread("((8)(9))");
        Map<Long, MessageSummary> lines = Map.of(8L, line(8, "x@example.net", "Re: elsewhere", "2026-03-05T09:00:00Z"),
                9L, line(9, "y@example.net", "Re: elsewhere (2)", "2026-03-06T09:00:00Z"));
        ConversationSummary s = Conversations.summarize(t, lines, Set.of(), Set.of(), ME);
        assertThat(s.subject()).isEqualTo("Re: elsewhere");
        assertThat(s.newestUid()).isEqualTo(9);
    }

    @Test
    void aLongConversationReadsItsFirstAndNewestMessagesOnlyAndCountsTheOtherParticipants() {
        StringBuilder lists = new StringBuilder("(1");
        for (int i = 2; i <= 30; i++) {
            lists.append(' ').append(i);
        }
        MessageThread t = thread(lists.append(')').toString());
        Set<Long> toRead = Conversations.toRead(t);
        assertThat(toRead).containsExactly(1L, 30L, 29L, 28L, 27L, 26L, 25L, 24L, 23L, 22L);
        Map<Long, MessageSummary> lines = new HashMap<>();
        for (long uid : toRead) {
            lines.put(uid, line(uid, "p" + uid + "@example.org", "Topic " + uid, "2026-03-01T00:00:00Z"));
        }
        ConversationSummary s = Conversations.summarize(t, lines, Set.of(15L), Set.of(), ME);
        assertThat(s.count()).isEqualTo(30);
        assertThat(s.subject()).isEqualTo("Topic 1");
        assertThat(s.participants()).extracting(ConversationSummary.Participant::name)
                .containsExactly("p1@example.org", "p22@example.org", "p23@example.org", "p24@example.org");
        assertThat(s.moreParticipants()).isEqualTo(6);
        assertThat(s.unread()).as("message 15 was not read for the line, its flag still counts").isTrue();
    }

    @Test
    void messagesGoneSinceTheThreadAnswerAreSkipped() {
        MessageThread t = thread("(1 2 3)");
        Map<Long, MessageSummary> lines = Map.of(2L, line(2, "b@example.org", "Re: x", "2026-03-01T00:00:00Z"));
        ConversationSummary s = Conversations.summarize(t, lines, Set.of(), Set.of(), ME);
        assertThat(s.subject()).isEqualTo("Re: x");
        assertThat(s.newestUid()).isEqualTo(2);
        assertThat(Conversations.summarize(t, Map.of(), Set.of(), Set.of(), ME)).isNull();
    }

    @Test
    void namesAndAddressesOfFromLines() {
        assertThat(Conversations.name("\"Martin, Bob\" <bob@example.org>")).isEqualTo("Martin, Bob");
        assertThat(Conversations.name("<bob@example.org>")).isEqualTo("bob@example.org");
        assertThat(Conversations.name("")).isEmpty();
        assertThat(Conversations.address("Bob <Bob@Example.ORG>")).isEqualTo("bob@example.org");
        assertThat(Conversations.address("a:b@evil.test")).isEqualTo("a:b@evil.test");
        assertThat(List.of(Conversations.address("x <>"))).containsExactly("");
    }
}
