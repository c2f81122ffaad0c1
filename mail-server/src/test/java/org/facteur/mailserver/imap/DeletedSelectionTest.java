package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imapserver.netty.NettyConstants;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

class DeletedSelectionTest {
    @Test
    void theByeIsSaidOnceWhenIdleAndTheNextCommandBothFindTheDeletion() {
        ImapSession session = MockedSessions.keepingAttributes(ImapSessionState.SELECTED);
        EmbeddedChannel connection = new EmbeddedChannel(new CommandSequencer(channel -> { }));
        connection.attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).set(session);
        connection.writeInbound(Unpooled.copiedBuffer("a1", StandardCharsets.US_ASCII));   // the sequencer joins the session
        List<ImapResponseMessage> said = new ArrayList<>();
        Responder responder = new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                said.add(message);
            }

            @Override
            public void flush() {
            }
        };

        DeletedSelection.bye(responder, session).block();
        DeletedSelection.bye(responder, session).block();

        assertThat(said).singleElement().satisfies(message ->
                assertThat(((StatusResponse) message).getServerResponseType()).isEqualTo(StatusResponse.Type.BYE));
        verify(session, times(2)).logout();
    }
}
