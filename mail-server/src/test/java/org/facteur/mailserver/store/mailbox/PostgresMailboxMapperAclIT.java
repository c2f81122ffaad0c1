package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMapperACLTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code MailboxMapperACLTest} on Facteur's PostgreSQL store. */
class PostgresMailboxMapperAclIT extends MailboxMapperACLTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.postgresql();

    @Override
    protected MailboxMapper createMailboxMapper() {
        return STORE.mapperProvider().createMailboxMapper();
    }
}
