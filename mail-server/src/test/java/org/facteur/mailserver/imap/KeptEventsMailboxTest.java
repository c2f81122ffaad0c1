package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Set;

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
        when(view.flagUpdateUids()).thenReturn(Set.of(ONE), Set.of(ONE, TWO), Set.of(), Set.of(), Set.of());
        KeptEventsMailbox kept = new KeptEventsMailbox(view);

        assertThat(kept.flagUpdateUids()).containsExactly(ONE);
        kept.resetEvents(); // TWO came in between: James's reset clears it unreported
        verify(view).resetEvents();

        assertThat(kept.flagUpdateUids()).as("the next command").containsExactly(TWO);
        kept.resetEvents();
        assertThat(kept.flagUpdateUids()).as("reported once more at most, then gone").isEmpty();
    }

    @Test
    void aResetWithoutAReadKeepsEverythingForTheNextCommand() {
        SelectedMailbox view = mock(SelectedMailbox.class);
        when(view.flagUpdateUids()).thenReturn(Set.of(THREE), Set.of());
        KeptEventsMailbox kept = new KeptEventsMailbox(view);

        kept.resetEvents();
        assertThat(kept.flagUpdateUids()).containsExactly(THREE);
    }

    @Test
    void expungesAndFlagChangesComeInUidOrderAsJamesWritesTheExpungesInIt() {
        SelectedMailbox view = mock(SelectedMailbox.class);
        when(view.expungedUids()).thenReturn(new java.util.TreeSet<>(Set.of(THREE, ONE, TWO)));
        when(view.flagUpdateUids()).thenReturn(new java.util.TreeSet<>(Set.of(TWO, THREE, ONE)));
        KeptEventsMailbox kept = new KeptEventsMailbox(view);

        assertThat(kept.expungedUids()).containsExactly(ONE, TWO, THREE);
        assertThat(kept.flagUpdateUids()).containsExactly(ONE, TWO, THREE);
    }

    @Test
    void anExpungeThatArrivesAfterTheExpungesWereReadIsReportedByTheNextCommand() {
        SelectedMailbox view = mock(SelectedMailbox.class);
        when(view.expungedUids()).thenReturn(Set.of(ONE), Set.of(ONE, THREE), Set.of(), Set.of(), Set.of());
        KeptEventsMailbox kept = new KeptEventsMailbox(view);

        assertThat(kept.expungedUids()).containsExactly(ONE);
        kept.resetExpungedUids();
        verify(view).resetExpungedUids();

        assertThat(kept.expungedUids()).containsExactly(THREE);
        kept.resetExpungedUids();
        assertThat(kept.expungedUids()).isEmpty();
    }

    @Test
    void aNewMessageWhoseSignWasClearedUnreportedStillGetsItsExists() {
        SelectedMailbox view = mock(SelectedMailbox.class);
        when(view.existsCount()).thenReturn(0L);
        KeptEventsMailbox kept = new KeptEventsMailbox(view); // James fills the view after SELECT holds it
        when(view.existsCount()).thenReturn(5L);
        assertThat(kept.isSizeChanged()).as("SELECT told of 5, nothing came since").isFalse();

        when(view.isSizeChanged()).thenReturn(false); // James's sign, cleared by a reset after the 6th came
        when(view.existsCount()).thenReturn(6L);
        assertThat(kept.isSizeChanged()).isTrue();
        assertThat(kept.isSizeChanged()).as("told of 6 now").isFalse();

        when(view.remove(TWO)).thenReturn(NullableMessageSequenceNumber.of(2));
        when(view.remove(THREE)).thenReturn(NullableMessageSequenceNumber.noMessage());
        kept.remove(TWO); // an EXPUNGE: the client counts 5
        kept.remove(THREE); // not in the view: no EXPUNGE
        when(view.existsCount()).thenReturn(5L);
        assertThat(kept.isSizeChanged()).isFalse();
        when(view.existsCount()).thenReturn(4L);
        assertThat(kept.isSizeChanged()).as("never an EXISTS smaller than the client's count without EXPUNGE").isFalse();
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
