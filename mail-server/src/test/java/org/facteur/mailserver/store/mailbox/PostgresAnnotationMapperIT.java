package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.apache.james.mailbox.store.mail.model.AnnotationMapperTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code AnnotationMapperTest} on Facteur's PostgreSQL store. */
class PostgresAnnotationMapperIT extends AnnotationMapperTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.postgresql();

    @Override
    protected AnnotationMapper createAnnotationMapper() {
        return STORE.factory().createAnnotationMapper(null);
    }

    @Override
    protected MailboxId generateMailboxId() {
        return STORE.mapperProvider().generateId();
    }
}
