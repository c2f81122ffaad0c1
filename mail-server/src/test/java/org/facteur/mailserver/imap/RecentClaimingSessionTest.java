package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.facteur.mailserver.store.mailbox.RecentClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

/**
 * Which view James's code gets from the session handed to SELECT and EXAMINE: the one that takes \Recent only in the
 * view's own event handler (which holds the view's lock) while the session's last command was a SELECT; James's
 * SELECT itself (its first-unseen retry among them) always gets the view as it is. {@code RecentInOneSessionIT} shows
 * that James's handler does hold that lock.
 */
class RecentClaimingSessionTest {
    private final Map<String, Object> attributes = new HashMap<>();
    private final ImapSession session = mock(ImapSession.class);
    private final SelectedMailbox view = mock(SelectedMailbox.class);
    private final SelectedMailbox other = mock(SelectedMailbox.class);
    private final RecentClaims claims = new RecentClaims(null);
    private SelectedMailbox selected;

    @BeforeEach
    void setUp() {
        when(session.getAttribute(anyString())).thenAnswer(call -> attributes.get(call.<String>getArgument(0)));
        doAnswer(call -> attributes.put(call.getArgument(0), call.getArgument(1))).when(session).setAttribute(anyString(), any());
        when(session.getSelected()).thenAnswer(call -> selected);
        when(session.selected(any())).thenAnswer(call -> {
            selected = call.getArgument(0);
            return Mono.empty();
        });
    }

    @Test
    void theViewsEventHandlerGetsTheTakingViewAfterASelect() {
        ImapSession selecting = RecentClaimingSession.selecting(session, claims);
        selecting.selected(view).block();

        synchronized (view) {
            assertThat(selecting.getSelected()).isInstanceOf(RecentClaimingMailbox.class);
        }
    }

    @Test
    void jamesSelectGetsTheViewAsItIs() {
        ImapSession selecting = RecentClaimingSession.selecting(session, claims);
        assertThat(selecting.getSelected()).as("before the SELECT chose a view").isNull();
        selecting.selected(view).block();

        assertThat(selected).as("the session keeps the view inside a KeptEventsMailbox").isInstanceOf(KeptEventsMailbox.class);
        assertThat(selecting.getSelected()).isSameAs(selected);
        assertThat(KeptEventsMailbox.unwrapped(selecting.getSelected())).isSameAs(view);
    }

    @Test
    void afterAnExamineTheSameViewTakesNothing() {
        ImapSession selecting = RecentClaimingSession.selecting(session, claims);
        selecting.selected(view).block();
        RecentClaimingSession.examining(session, claims); // James keeps the view for an EXAMINE of the same mailbox

        synchronized (view) {
            assertThat(selecting.getSelected()).isSameAs(selected);
        }
        RecentClaimingSession.selecting(session, claims);
        synchronized (view) {
            assertThat(selecting.getSelected()).isInstanceOf(RecentClaimingMailbox.class);
        }
    }

    @Test
    void aViewNoLongerSelectedMarksNothing() {
        ImapSession selecting = RecentClaimingSession.selecting(session, claims);
        selecting.selected(view).block();
        selected = other;

        synchronized (view) {
            assertThat(selecting.getSelected()).isNull();
        }
    }
}
