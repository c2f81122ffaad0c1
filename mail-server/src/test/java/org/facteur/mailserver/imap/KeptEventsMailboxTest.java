package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.NullableMessageSequenceNumber;
import org.junit.jupiter.api.Test;

/**
 * What James's view learnt from an event that came while a command reported the earlier ones (between the read and
 * the reset) is reported by the next command, not forgotten. The mocked view answers as James's does when the event
 * lands in that window: a read before it, a larger set at the reset, an empty one after.
 */
class KeptEventsMailboxTest {
    private static final MessageUid ONE = MessageUid.of(1);
    private static final MessageUid TWO = MessageUid.of(2);
    private static final MessageUid THREE = MessageUid.of(3);

    @Test
    void aFlagChangeThatArrivesAfterTheFlagsWereReadIsReportedByTheNextCommand() {
        SelectedMailbox view = mock(SelectedMailbox.class);
        // The view is emptied at the read: at the reset it holds only what came since (TWO), then nothing.
        when(view.flagUpdateUids()).thenReturn(Set.of(ONE), Set.of(TWO), Set.of(), Set.of(), Set.of());
        KeptEventsMailbox kept = new KeptEventsMailbox(view);

        assertThat(kept.flagUpdateUids()).containsExactly(ONE);
        verify(view).resetEvents(); // taken out of the view as it is read
        kept.resetEvents(); // James's reset: TWO came in between

        assertThat(kept.flagUpdateUids()).as("the next command").containsExactly(TWO);
        kept.resetEvents();
        assertThat(kept.flagUpdateUids()).as("reported once").isEmpty();
    }

    @Test
    void aSecondChangeOfAMessageWhoseFlagsWereJustReadIsReportedAgain() {
        SelectedMailbox view = mock(SelectedMailbox.class);
        when(view.flagUpdateUids()).thenReturn(Set.of(ONE), Set.of(ONE), Set.of());
        KeptEventsMailbox kept = new KeptEventsMailbox(view);

        assertThat(kept.flagUpdateUids()).containsExactly(ONE); // James reads its flags: the first change
        kept.resetEvents(); // ONE changed again after that read
        assertThat(kept.flagUpdateUids()).containsExactly(ONE);
    }

    @Test
    void aResetWithoutAReadKeepsEverythingForTheNextCommand() {
        SelectedMailbox view = mock(SelectedMailbox.class);
        when(view.flagUpdateUids()).thenReturn(Set.of(THREE), Set.of());
        KeptEventsMailbox kept = new KeptEventsMailbox(view);

        kept.resetEvents();
        assertThat(kept.flagUpdateUids()).containsExactly(THREE);
    }

    /** A view whose signs ("a keyword is new", "the mailbox grew") stay set until its reset, as James's do. */
    private static SelectedMailbox viewWithSignsUntilReset() {
        SelectedMailbox view = mock(SelectedMailbox.class);
        AtomicBoolean signs = new AtomicBoolean(true);
        when(view.hasNewApplicableFlags()).thenAnswer(call -> signs.get());
        when(view.isSizeChanged()).thenAnswer(call -> signs.get());
        doAnswer(call -> {
            signs.set(false);
            return null;
        }).when(view).resetEvents();
        return view;
    }

    @Test
    void aNewKeywordSeenWhenTheViewWasEmptiedStillGetsItsFlagsAnswer() {
        SelectedMailbox view = viewWithSignsUntilReset();
        when(view.flagUpdateUids()).thenReturn(Set.of(ONE));
        KeptEventsMailbox kept = new KeptEventsMailbox(view);

        kept.flagUpdateUids(); // empties the view, whose reset also forgets that a keyword is new
        assertThat(kept.hasNewApplicableFlags()).isTrue();
        kept.resetNewApplicableFlags(); // James wrote FLAGS
        assertThat(kept.hasNewApplicableFlags()).isFalse();
    }

    @Test
    void carriedAndNewUidsComeTogetherInUidOrderAsJamesWritesTheExpungesInIt() {
        SelectedMailbox view = mock(SelectedMailbox.class);
        when(view.expungedUids()).thenReturn(Set.of(THREE), Set.of(ONE));
        when(view.flagUpdateUids()).thenReturn(Set.of(THREE), Set.of(ONE));
        KeptEventsMailbox kept = new KeptEventsMailbox(view);

        kept.resetExpungedUids(); // THREE carried, never announced
        kept.resetEvents(); // THREE carried
        assertThat(kept.expungedUids()).containsExactly(ONE, THREE);
        assertThat(kept.flagUpdateUids()).containsExactly(ONE, THREE);
    }

    @Test
    void anExpungeThatArrivesAfterTheExpungesWereReadIsReportedByTheNextCommand() {
        SelectedMailbox view = mock(SelectedMailbox.class);
        when(view.expungedUids()).thenReturn(Set.of(ONE), Set.of(ONE, THREE), Set.of(), Set.of(), Set.of());
        KeptEventsMailbox kept = new KeptEventsMailbox(view);

        when(view.remove(ONE)).thenReturn(NullableMessageSequenceNumber.of(1));
        when(view.remove(THREE)).thenReturn(NullableMessageSequenceNumber.of(2));

        assertThat(kept.expungedUids()).containsExactly(ONE);
        kept.remove(ONE); // James writes its EXPUNGE
        kept.resetExpungedUids();
        verify(view).resetExpungedUids();

        assertThat(kept.expungedUids()).as("the next command").containsExactly(THREE);
        kept.remove(THREE);
        kept.resetExpungedUids();
        assertThat(kept.expungedUids()).as("each EXPUNGE once").isEmpty();
    }

    @Test
    void whatIsForgottenAtTheResetIsWhatWasAnnouncedNotWhatWasLastRead() {
        SelectedMailbox view = mock(SelectedMailbox.class);
        // James reads {1}; a live search reads again while James writes, after THREE came: {1, 3}; the reset sees {1, 3}
        when(view.expungedUids()).thenReturn(Set.of(ONE), Set.of(ONE, THREE), Set.of(ONE, THREE), Set.of());
        when(view.remove(ONE)).thenReturn(NullableMessageSequenceNumber.of(1));
        KeptEventsMailbox kept = new KeptEventsMailbox(view);

        assertThat(kept.expungedUids()).containsExactly(ONE);
        assertThat(kept.expungedUids()).containsExactly(ONE, THREE);
        kept.remove(ONE);
        kept.resetExpungedUids();

        assertThat(kept.expungedUids()).containsExactly(THREE);
    }

    @Test
    void expungesReadButNotAnnouncedDuringAFetchWaitForTheNextCommand() {
        SelectedMailbox view = mock(SelectedMailbox.class);
        when(view.expungedUids()).thenReturn(Set.of(TWO), Set.of(TWO), Set.of());
        KeptEventsMailbox kept = new KeptEventsMailbox(view);

        assertThat(kept.expungedUids()).containsExactly(TWO); // FETCH may not announce it (RFC 3501 §7.4.1): no remove
        kept.resetExpungedUids(); // a reset without EXPUNGE keeps it
        assertThat(kept.expungedUids()).containsExactly(TWO);
    }

    @Test
    void aNewMessageSeenWhenTheViewWasEmptiedGetsItsExistsUntilTheCommandEnds() {
        SelectedMailbox view = viewWithSignsUntilReset(); // a message came after the last EXISTS
        when(view.flagUpdateUids()).thenReturn(Set.of());
        KeptEventsMailbox kept = new KeptEventsMailbox(view);

        kept.flagUpdateUids(); // James reads the flag changes before it asks about the size: the view is emptied
        assertThat(kept.isSizeChanged()).isTrue();
        assertThat(kept.isSizeChanged()).as("as James's sign: until the command ends").isTrue();
        kept.resetEvents();
        assertThat(kept.isSizeChanged()).as("reported").isFalse();
    }

    @Test
    void aDeletionByAnotherSessionIsNotForgottenByAReset() {
        SelectedMailbox view = mock(SelectedMailbox.class);
        when(view.flagUpdateUids()).thenReturn(Set.of());
        when(view.isDeletedByOtherSession()).thenReturn(true, true, false);
        KeptEventsMailbox kept = new KeptEventsMailbox(view);

        kept.resetEvents();
        assertThat(kept.isDeletedByOtherSession()).isTrue();
        assertThat(kept.isDeletedByOtherSession()).isTrue();
    }
}
