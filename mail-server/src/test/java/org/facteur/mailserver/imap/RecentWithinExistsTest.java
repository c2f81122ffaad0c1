package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.ExistsResponse;
import org.apache.james.imap.message.response.ExpungeResponse;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.RecentResponse;
import org.apache.james.imap.message.response.VanishedResponse;
import org.apache.james.mailbox.MessageSequenceNumber;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.NullableMessageSequenceNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replies James 3.8.1 sent under Dovecot's imaptest stress (50 clients appending to one mailbox): the session's
 * recent count read after its EXISTS, with another session's delivery applied in between; and that delivery's message
 * numbered in the same reply's EXPUNGEs and flag updates.
 */
class RecentWithinExistsTest {
    private final SentResponses received = new SentResponses();
    private final List<ImapResponseMessage> sent = received.sent;
    private final Map<String, Object> attributes = new HashMap<>();
    private final ImapSession session = mock(ImapSession.class);
    private final SelectedMailbox selected = mock(SelectedMailbox.class);
    private Responder client;

    @BeforeEach
    void setUp() {
        when(session.getAttribute(anyString())).thenAnswer(call -> attributes.get(call.<String>getArgument(0)));
        doAnswer(call -> attributes.put(call.getArgument(0), call.getArgument(1))).when(session).setAttribute(anyString(), any());
        client = responder();
    }

    @Test
    void recentIsNeverAboveTheExistsJustSent() {
        client.respond(new ExistsResponse(10));
        client.respond(new RecentResponse(11));

        assertThat(recentCounts()).containsExactly(10);
    }

    @Test
    void theNextRepliesTellTheRest() {
        client.respond(new ExistsResponse(10));
        client.respond(new RecentResponse(11));
        responder().respond(new ExistsResponse(11)); // the next command's reply, through a new responder of the session
        responder().respond(new RecentResponse(11));

        assertThat(recentCounts()).containsExactly(10, 11);
    }

    @Test
    void expungesSentLowerTheCount() {
        client.respond(new ExistsResponse(5));
        client.respond(new ExpungeResponse(NullableMessageSequenceNumber.of(2)));
        client.respond(new ExpungeResponse(NullableMessageSequenceNumber.of(2)));
        client.respond(new RecentResponse(5));

        assertThat(recentCounts()).containsExactly(3);
    }

    @Test
    void aCountWithinTheExistsPassesUnchangedAsDoesEverythingElse() {
        ExistsResponse exists = new ExistsResponse(7);
        RecentResponse recent = new RecentResponse(2);
        client.respond(exists);
        client.respond(recent);

        assertThat(sent).containsExactly(exists, recent);
    }

    @Test
    void withoutAnExistsOrAfterVanishedTheCountIsUnknownAndRecentPasses() {
        client.respond(new RecentResponse(4));
        client.respond(new ExistsResponse(2));
        client.respond(new VanishedResponse(new UidRange[] {new UidRange(MessageUid.of(3))}, false));
        client.respond(new RecentResponse(4));

        assertThat(recentCounts()).containsExactly(4, 4);
    }

    @Test
    void anExpungeBeyondTheExistsIsLeftOutAndDoesNotLowerTheCount() {
        client.respond(new ExistsResponse(12));
        client.respond(new ExpungeResponse(NullableMessageSequenceNumber.of(13))); // added after the EXISTS, then expunged
        client.respond(new RecentResponse(12));

        assertThat(sent).noneMatch(ExpungeResponse.class::isInstance);
        assertThat(recentCounts()).containsExactly(12);
    }

    @Test
    void aFetchBeyondTheExistsComesAfterAnExistsOfTheSessionsView() {
        when(session.getSelected()).thenReturn(selected);
        when(selected.existsCount()).thenReturn(12L); // two deliveries applied to the session's view, not yet announced
        client.respond(new ExistsResponse(10));
        FetchResponse known = fetch(10);
        client.respond(known);
        FetchResponse asked = fetch(11); // UID FETCH 1:* : James sends the command's own data before the reply's EXISTS
        client.respond(asked);
        FetchResponse next = fetch(12);
        client.respond(next);

        assertThat(sent).hasSize(5);
        assertThat(sent.get(1)).isSameAs(known);
        assertThat(((ExistsResponse) sent.get(2)).getNumberOfMessages()).isEqualTo(12);
        assertThat(sent.subList(3, 5)).containsExactly(asked, next);
        assertThat(RecentWithinExists.announced(session)).hasValue(12);
    }

    @Test
    void anExpungeOfAMessageNeverNumberedDoesNotLowerTheCount() {
        client.respond(new ExistsResponse(5));
        client.respond(new ExpungeResponse(NullableMessageSequenceNumber.noMessage())); // written as nothing by the encoder
        FetchResponse last = fetch(5);
        client.respond(last);

        assertThat(sent).contains(last);
        assertThat(sent).filteredOn(ExistsResponse.class::isInstance).hasSize(1); // message 5 was still known
    }

    @Test
    void expungesWithinTheExistsPassAndLowerTheCountForWhatFollows() {
        client.respond(new ExistsResponse(3));
        client.respond(new ExpungeResponse(NullableMessageSequenceNumber.of(3)));
        client.respond(new ExpungeResponse(NullableMessageSequenceNumber.of(3))); // now beyond the count: left out
        client.respond(new RecentResponse(3));

        assertThat(sent).filteredOn(ExpungeResponse.class::isInstance).hasSize(1);
        assertThat(recentCounts()).containsExactly(2);
    }

    @Test
    void withoutAnExistsOrAfterVanishedEveryFetchAndExpungePasses() {
        client.respond(fetch(40));
        client.respond(new ExistsResponse(2));
        client.respond(new VanishedResponse(new UidRange[] {new UidRange(MessageUid.of(3))}, false));
        client.respond(fetch(41));
        client.respond(new ExpungeResponse(NullableMessageSequenceNumber.of(42)));

        assertThat(sent).filteredOn(FetchResponse.class::isInstance).hasSize(2);
        assertThat(sent).filteredOn(ExpungeResponse.class::isInstance).hasSize(1);
    }

    private static FetchResponse fetch(int number) {
        return new FetchResponse(MessageSequenceNumber.of(number), new Flags(Flags.Flag.SEEN), MessageUid.of(number),
                Optional.empty(), null, null, null, null, null, null, List.of(), null, null);
    }

    private Responder responder() {
        return new RecentWithinExists(received, session);
    }

    private List<Integer> recentCounts() {
        return sent.stream().filter(RecentResponse.class::isInstance)
                .map(m -> ((RecentResponse) m).getNumberFlaggedRecent()).toList();
    }
}
