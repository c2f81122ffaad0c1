package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMapperTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code MailboxMapperTest} on Facteur's SQLite store. */
class SqliteMailboxMapperTest extends MailboxMapperTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.sqlite();

    @Override
    protected MailboxMapper createMailboxMapper() {
        return STORE.mapperProvider().createMailboxMapper();
    }

    @Override
    protected MailboxId generateId() {
        return STORE.mapperProvider().generateId();
    }
}
