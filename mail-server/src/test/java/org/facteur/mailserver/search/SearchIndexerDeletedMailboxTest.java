package org.facteur.mailserver.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.List;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.TestId;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.facteur.mailserver.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reactor.core.publisher.Mono;

/**
 * New messages of a mailbox deleted before the indexer took them are dropped without a word: the mailbox's
 * {@code DropMailbox} follows. The store answers such a mailbox with {@link MailboxNotFoundException} (James's mapper
 * contract), which the indexer logged as a failure with a stack trace for every message: imaptest's scripted groups,
 * which create and delete mailboxes within a second, left 500 such lines in one run.
 */
class SearchIndexerDeletedMailboxTest {
    private static final MailboxId GONE = TestId.of(49);

    @TempDir
    Path dir;

    @Test
    void newMessagesOfAMailboxDeletedMeanwhileAreDroppedWithoutAWarning() throws Exception {
        MailboxSessionMapperFactory store = mock(MailboxSessionMapperFactory.class);
        MailboxMapper mailboxes = mock(MailboxMapper.class);
        when(store.getMailboxMapper(any())).thenReturn(mailboxes);
        when(mailboxes.findMailboxById(GONE)).thenReturn(Mono.error(new MailboxNotFoundException(GONE)));
        try (MessageIndex index = new MessageIndex(dir); LogCapture log = LogCapture.capture()) {
            SearchIndexer indexer = new SearchIndexer(index, store, new SessionProviderImpl(null, null), true);
            indexer.enqueueChange(new SearchIndexer.Add(GONE, List.of(MessageUid.of(1), MessageUid.of(2))));
            indexer.start();
            try {
                assertThat(indexer.awaitIdle(10_000)).isTrue();
            } finally {
                indexer.stop();
            }
            verify(mailboxes).findMailboxById(GONE);
            assertThat(log.messagesOf(SearchIndexer.class.getName())).isEmpty();
            assertThat(log.stackTraces()).isEmpty();
        }
    }
}
