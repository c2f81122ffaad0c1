package org.facteur.mailserver.store.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.mailrepository.MailRepositoryUrlStoreContract;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.mailrepository.api.MailRepositoryUrlStore;
import org.facteur.mailserver.store.sql.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mail repository URLs on Facteur's database, on every engine: James's own {@link MailRepositoryUrlStoreContract}. */
abstract class SqlMailRepositoryUrlStoreContract implements MailRepositoryUrlStoreContract {

    abstract Database database();

    @RegisterExtension
    final ParameterResolver store = new ParameterResolver() {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == MailRepositoryUrlStore.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return new SqlMailRepositoryUrlStore(database());
        }
    };

    @Test
    void urlsAreKeptByTheDatabase() {
        new SqlMailRepositoryUrlStore(database()).add(MailRepositoryUrl.from("file://var/mail/error/"));
        assertThat(new SqlMailRepositoryUrlStore(database()).contains(MailRepositoryUrl.from("file://var/mail/error/"))).isTrue();
    }
}
