package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.junit.jupiter.api.Test;

class DeletedSelectionTest {
    @Test
    void theByeIsSaidOnceWhenIdleAndTheNextCommandBothFindTheDeletion() {
        ImapSession session = MockedSessions.keepingAttributes(ImapSessionState.SELECTED);
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
