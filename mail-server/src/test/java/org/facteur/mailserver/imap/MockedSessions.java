package org.facteur.mailserver.imap;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.process.ImapSession;

import reactor.core.publisher.Mono;

/** Mocked IMAP sessions for handler and decoder tests. */
final class MockedSessions {
    private MockedSessions() {
    }

    /** A session in {@code state} whose attributes are kept, as James's are (setting null removes one). */
    static ImapSession keepingAttributes(ImapSessionState state) {
        Map<String, Object> attributes = new HashMap<>();
        ImapSession session = mock(ImapSession.class);
        when(session.getState()).thenReturn(state);
        when(session.logout()).thenReturn(Mono.empty());
        when(session.getAttribute(anyString())).thenAnswer(call -> attributes.get(call.<String>getArgument(0)));
        doAnswer(call -> {
            if (call.getArgument(1) == null) {
                attributes.remove(call.<String>getArgument(0));
            } else {
                attributes.put(call.getArgument(0), call.getArgument(1));
            }
            return null;
        }).when(session).setAttribute(anyString(), any());
        return session;
    }
}
