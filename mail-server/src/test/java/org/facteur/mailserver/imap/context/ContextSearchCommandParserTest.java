package org.facteur.mailserver.imap.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.SearchRequest;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.imapserver.netty.NettyImapRequestLineReader;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * SEARCH's return options read through James's netty reader: RFC 5267's UPDATE, PARTIAL and CONTEXT beside RFC 4731's,
 * the requests James keeps answering unchanged, and the refusals with their sentences.
 */
class ContextSearchCommandParserTest {
    private static final Tag TAG = new Tag("a1");

    private final ContextSearchCommandParser parser = new ContextSearchCommandParser(new UnpooledStatusResponseFactory());
    private final ImapSession session = mock(ImapSession.class);

    ContextSearchCommandParserTest() {
        when(session.getState()).thenReturn(ImapSessionState.SELECTED);
    }

    private ImapMessage parse(String arguments) {
        byte[] bytes = (arguments + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return parser.parse(new NettyImapRequestLineReader(new EmbeddedChannel(), Unpooled.wrappedBuffer(bytes), true, 0),
                TAG, session);
    }

    private static String refusal(ImapMessage message) {
        assertThat(message).isInstanceOf(StatusResponse.class);
        StatusResponse status = (StatusResponse) message;
        assertThat(status.getServerResponseType()).isEqualTo(StatusResponse.Type.BAD);
        return status.getTextKey().getDefaultValue();
    }

    @Test
    void updateAndPartialMakeAContextSearch() {
        ContextSearchRequest request = (ContextSearchRequest) parse(" RETURN (UPDATE COUNT PARTIAL 500:1 CONTEXT) SEEN");
        assertThat(request.update()).isTrue();
        assertThat(request.partial()).contains(new PartialRange(1, 500));
        assertThat(request.returned()).containsExactly(SearchResultOption.COUNT);
        assertThat(request.getSearchOperation().getSearchKey()).isEqualTo(SearchKey.buildSeen());
    }

    @Test
    void updateAloneAsksJamesForTheCountOnly() {
        ContextSearchRequest request = (ContextSearchRequest) parse(" RETURN (UPDATE) ALL");
        assertThat(request.returned()).isEmpty();
        assertThat(request.partial()).isEqualTo(Optional.empty());
        assertThat(request.getSearchOperation().getResultOptions()).containsExactly(SearchResultOption.COUNT);
    }

    @Test
    void otherSearchesStayJamesOwn() {
        ImapMessage plain = parse(" RETURN (MIN MAX) ALL");
        assertThat(plain).isExactlyInstanceOf(SearchRequest.class);
        assertThat(((SearchRequest) plain).getSearchOperation().getResultOptions())
                .containsExactly(SearchResultOption.MIN, SearchResultOption.MAX);
        assertThat(((SearchRequest) parse(" RETURN () ALL")).getSearchOperation().getResultOptions())
                .containsExactly(SearchResultOption.ALL);
        assertThat(((SearchRequest) parse(" RETURN (CONTEXT) ALL")).getSearchOperation().getResultOptions())
                .containsExactly(SearchResultOption.ALL);
        assertThat(((SearchRequest) parse(" RECENT")).getSearchOperation().getSearchKey()).isEqualTo(SearchKey.buildRecent());
        assertThat(((SearchRequest) parse(" RECENT SEEN")).getSearchOperation().getSearchKey())
                .isEqualTo(SearchKey.buildAnd(java.util.List.of(SearchKey.buildRecent(), SearchKey.buildSeen())));
        assertThat(((SearchRequest) parse(" SEEN")).getSearchOperation().getSearchKey()).isEqualTo(SearchKey.buildSeen());
    }

    @Test
    void refusalsSayWhatIsWrong() {
        assertThat(refusal(parse(" RETURN (PARTIAL 1:5 ALL) ALL"))).contains("PARTIAL and ALL");
        assertThat(refusal(parse(" RETURN (PARTIAL 1) ALL"))).contains("such as 1:500");
        assertThat(refusal(parse(" RETURN (PARTIAL 1:*) ALL"))).contains("such as 1:500");
        assertThat(refusal(parse(" RETURN (PARTIAL *:1) ALL"))).contains("such as 1:500");
        assertThat(refusal(parse(" RETURN (PARTIAL 0:3) ALL"))).contains("such as 1:500");
        assertThat(refusal(parse(" RETURN (PARTIAL 1:99999999999) ALL"))).contains("such as 1:500");
        assertThat(refusal(parse(" RETURN (PARTIAL 1:2 PARTIAL 3:4) ALL"))).contains("twice");
        assertThat(refusal(parse(" RETURN (UPDATE UPDATE) ALL"))).contains("twice");
        assertThat(refusal(parse(" RETURN (NEWEST) ALL"))).contains("Unknown SEARCH return option NEWEST");
        assertThat(refusal(parse(" ROBOT"))).contains("Unknown search key ROBOT");
    }
}
