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

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse.ResponseCode;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.FlagsResponse;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.mailbox.MessageSequenceNumber;
import org.apache.james.mailbox.MessageUid;
import org.facteur.mailserver.store.mailbox.SqlMailboxId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a client is told of a mailbox's keywords: every keyword a FETCH or a PERMANENTFLAGS names was listed by a FLAGS
 * before it, and a later FLAGS for the same mailbox never drops one (the errors Dovecot's imaptest stress reported).
 */
class KeywordsListedFirstTest {
    private final SentResponses received = new SentResponses();
    private final List<ImapResponseMessage> sent = received.sent;
    private final Map<String, Object> attributes = new HashMap<>();
    private final ImapSession session = mock(ImapSession.class);
    private final SelectedMailbox inbox = mock(SelectedMailbox.class);
    private final SelectedMailbox archive = mock(SelectedMailbox.class);
    private Responder client;

    @BeforeEach
    void setUp() {
        when(session.getAttribute(anyString())).thenAnswer(call -> attributes.get(call.<String>getArgument(0)));
        doAnswer(call -> attributes.put(call.getArgument(0), call.getArgument(1))).when(session).setAttribute(anyString(), any());
        when(inbox.getMailboxId()).thenReturn(SqlMailboxId.of(1));
        when(inbox.getApplicableFlags()).thenReturn(new Flags());
        when(archive.getMailboxId()).thenReturn(SqlMailboxId.of(2));
        when(session.getSelected()).thenReturn(inbox);
        client = new KeywordsListedFirst(received, session);
    }

    @Test
    void aLaterFlagsOfTheSameMailboxKeepsTheKeywordsListedBefore() {
        client.respond(new FlagsResponse(flags("\\Seen")));
        client.respond(fetch("$Label4"));
        client.respond(new FlagsResponse(flags("\\Seen", "$Other")));

        assertThat(listedFlags()).last().satisfies(last ->
                assertThat(last.getUserFlags()).containsExactlyInAnyOrder("$Label4", "$Other"));
    }

    @Test
    void aFlagsThatListsEverythingAlreadyGoesAsJamesSentIt() {
        FlagsResponse first = new FlagsResponse(flags("\\Seen", "$A"));
        FlagsResponse again = new FlagsResponse(flags("\\Seen", "$A"));
        client.respond(first);
        client.respond(again);

        assertThat(sent).containsExactly(first, again);
    }

    @Test
    void theFlagsOfAnotherMailboxStartAfresh() {
        client.respond(new FlagsResponse(flags("\\Seen", "$InboxOnly")));
        when(session.getSelected()).thenReturn(archive);
        client.respond(new FlagsResponse(flags("\\Seen", "$ArchiveOnly")));

        assertThat(listedFlags()).last().satisfies(last ->
                assertThat(last.getUserFlags()).containsExactly("$ArchiveOnly"));
    }

    @Test
    void aPermanentFlagsNamingAnUnlistedKeywordIsPrecededByAFlagsListingIt() {
        client.respond(new FlagsResponse(flags("\\Seen", "$A")));
        ImapResponseMessage permanent = new UnpooledStatusResponseFactory().untaggedOk(
                HumanReadableText.permanentFlags(flags("\\Seen", "$A", "$Label2")),
                ResponseCode.permanentFlags(flags("\\Seen", "$A", "$Label2", "\\*")));
        client.respond(permanent);

        assertThat(sent).hasSize(3).last().isSameAs(permanent);
        assertThat(sent.get(1)).isInstanceOf(FlagsResponse.class);
        assertThat(((FlagsResponse) sent.get(1)).getFlags().getUserFlags()).containsExactlyInAnyOrder("$A", "$Label2");
    }

    @Test
    void aPermanentFlagsOfListedKeywordsGoesAlone() {
        client.respond(new FlagsResponse(flags("\\Seen", "$A")));
        ImapResponseMessage permanent = new UnpooledStatusResponseFactory().untaggedOk(
                HumanReadableText.permanentFlags(flags("\\Seen", "$A")), ResponseCode.permanentFlags(flags("\\Seen", "$A", "\\*")));
        client.respond(permanent);

        assertThat(sent).hasSize(2).last().isSameAs(permanent);
    }

    private List<Flags> listedFlags() {
        return sent.stream().filter(FlagsResponse.class::isInstance).map(m -> ((FlagsResponse) m).getFlags()).toList();
    }

    private static Flags flags(String... names) {
        Flags flags = new Flags();
        for (String name : names) {
            switch (name) {
                case "\\Seen" -> flags.add(Flags.Flag.SEEN);
                case "\\*" -> flags.add(Flags.Flag.USER);
                default -> flags.add(name);
            }
        }
        return flags;
    }

    private static FetchResponse fetch(String keyword) {
        return new FetchResponse(MessageSequenceNumber.of(1), flags("\\Seen", keyword), MessageUid.of(1),
                Optional.empty(), null, null, null, null, null, null, List.of(), null, null);
    }
}
