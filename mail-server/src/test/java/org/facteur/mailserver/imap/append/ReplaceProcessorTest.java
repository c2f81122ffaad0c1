package org.facteur.mailserver.imap.append;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MessageResult;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What REPLACE does when removing the old message failed (the store's own failures cannot be caused over a socket):
 * never neither version, and an answer that says which are left.
 */
class ReplaceProcessorTest {
    private static final MessageUid OLD = MessageUid.of(7);
    private static final MessageUid NEW = MessageUid.of(9);

    private final MessageManager source = mock(MessageManager.class);
    private final MessageManager target = mock(MessageManager.class);
    private final MailboxSession session = mock(MailboxSession.class);
    private final MailboxException removalFailed = new MailboxException("removal failed");

    private void oldMessage(Flux<MessageResult> found) {
        when(source.getMessagesReactive(any(), any(), any())).thenReturn(found);
    }

    private Throwable failure() {
        return catchThrowable(() -> ReplaceProcessor.afterFailedRemoval(source, target, OLD, NEW, session, removalFailed)
                .block());
    }

    @Test
    void anOldMessageGoneAfterAllMeansTheReplaceIsDone() {
        oldMessage(Flux.empty());

        MessageUid uid = ReplaceProcessor.afterFailedRemoval(source, target, OLD, NEW, session, removalFailed).block();

        assertThat(uid).isEqualTo(NEW);
        verify(target, never()).deleteReactive(any(), any());
    }

    @Test
    void anOldMessageStillThereGetsTheNewOneRemovedAgain() {
        oldMessage(Flux.just(mock(MessageResult.class)));
        when(target.deleteReactive(List.of(NEW), session)).thenReturn(Mono.empty());

        assertThat(failure()).isInstanceOf(ReplaceProcessor.NotReplaced.class)
                .hasMessage("the old version could not be removed; nothing was changed");
        verify(target).deleteReactive(List.of(NEW), session);
    }

    @Test
    void whenTheNewOneCannotBeRemovedEitherBothAreKeptAndTheAnswerSaysSo() {
        oldMessage(Flux.just(mock(MessageResult.class)));
        when(target.deleteReactive(List.of(NEW), session)).thenReturn(Mono.error(new MailboxException("again")));

        assertThat(failure()).isInstanceOf(ReplaceProcessor.NotReplaced.class)
                .hasMessage("the old version could not be removed, nor the new one: both versions are kept");
    }

    @Test
    void whenNobodyCanTellWhetherTheOldOneIsThereTheNewOneIsKept() {
        oldMessage(Flux.error(new MailboxException("store down")));

        assertThat(failure()).isInstanceOf(ReplaceProcessor.NotReplaced.class)
                .hasMessageContaining("the new version is stored, and the old one may still be there");
        verify(target, never()).deleteReactive(any(), any());
    }
}
