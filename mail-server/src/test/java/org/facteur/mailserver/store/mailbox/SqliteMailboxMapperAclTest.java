package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMapperACLTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code MailboxMapperACLTest} on Facteur's SQLite store. */
class SqliteMailboxMapperAclTest extends MailboxMapperACLTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.sqlite();

    @Override
    protected MailboxMapper createMailboxMapper() {
        return STORE.mapperProvider().createMailboxMapper();
    }
}
