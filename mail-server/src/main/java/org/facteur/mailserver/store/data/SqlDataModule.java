package org.facteur.mailserver.store.data;

import java.util.List;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.mailrepository.api.MailRepositoryFactory;
import org.apache.james.mailrepository.api.MailRepositoryUrlStore;
import org.apache.james.mailrepository.api.Protocol;
import org.apache.james.mailrepository.memory.MailRepositoryStoreConfiguration;
import org.apache.james.rrt.api.AliasReverseResolver;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.lib.AliasReverseResolverImpl;
import org.apache.james.rrt.lib.CanSendFromImpl;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.facteur.mailserver.store.aliases.SqlRecipientRewriteTable;
import org.facteur.mailserver.store.domains.SqlDomainList;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.users.PasswordHashes;
import org.facteur.mailserver.users.PasswordHashing;
import org.facteur.mailserver.store.users.SqlUsersDao;
import org.facteur.mailserver.store.users.SqlUsersRepository;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * James's data layer on Facteur's database: domains, users, the recipient rewrite table (aliases and
 * forwards) and the mail repository URLs, each a table of the part {@value #PART} (migrate it with
 * {@link #migrate} before the server starts).
 * <p>
 * No {@code SieveRepository} is bound: Facteur runs no Sieve (no ManageSieve server, no {@code Sieve}
 * mailet in mailetcontainer.xml, away messages are Facteur's own mailet) and none of the James modules it
 * installs injects one. Mail repositories stay {@code file://} directories under the data directory.
 */
public final class SqlDataModule extends AbstractModule {
    public static final String PART = "data";
    public static final String MIGRATIONS = "org/facteur/mailserver/store/data/migration";

    private final Database database;

    public SqlDataModule(Database database) {
        this.database = database;
    }

    /** Brings the tables of this part up to date. */
    public static void migrate(Database database) {
        database.migrate(PART, MIGRATIONS);
    }

    @Override
    protected void configure() {
        install(new org.apache.james.CoreDataModule());
        bind(Database.class).toInstance(database);

        // The seam for Facteur's password hashing (org.facteur.mailserver.users.PasswordHashing, branch sec-auth).
        bind(PasswordHashes.class).toInstance(PasswordHashing.ARGON2ID);

        bind(SqlDomainList.class).in(Scopes.SINGLETON);
        bind(DomainList.class).to(SqlDomainList.class);

        bind(SqlRecipientRewriteTable.class).in(Scopes.SINGLETON);
        bind(RecipientRewriteTable.class).to(SqlRecipientRewriteTable.class);
        bind(AliasReverseResolverImpl.class).in(Scopes.SINGLETON);
        bind(AliasReverseResolver.class).to(AliasReverseResolverImpl.class);
        bind(CanSendFromImpl.class).in(Scopes.SINGLETON);
        bind(CanSendFrom.class).to(CanSendFromImpl.class);

        bind(SqlUsersDao.class).in(Scopes.SINGLETON);
        bind(SqlUsersRepository.class).in(Scopes.SINGLETON);
        bind(UsersRepository.class).to(SqlUsersRepository.class);

        bind(SqlMailRepositoryUrlStore.class).in(Scopes.SINGLETON);
        bind(MailRepositoryUrlStore.class).to(SqlMailRepositoryUrlStore.class);
        // file:// repositories are loaded by class name; no other kind is offered.
        Multibinder.newSetBinder(binder(), MailRepositoryFactory.class);
    }

    /** Used only when mailrepositorystore.xml lists nothing: file repositories under the data directory. */
    @Provides
    @Singleton
    MailRepositoryStoreConfiguration.Item defaultMailRepositories() {
        return new MailRepositoryStoreConfiguration.Item(List.of(new Protocol("file")),
                "org.apache.james.mailrepository.file.FileMailRepository", new BaseHierarchicalConfiguration());
    }

    @ProvidesIntoSet
    InitializationOperation configureDomainList(SqlDomainList domainList, DomainListConfiguration configuration) {
        return InitilizationOperationBuilder.forClass(SqlDomainList.class)
                .init(() -> domainList.configure(configuration));
    }

    @ProvidesIntoSet
    InitializationOperation configureRecipientRewriteTable(SqlRecipientRewriteTable rrt, ConfigurationProvider provider) {
        return InitilizationOperationBuilder.forClass(SqlRecipientRewriteTable.class)
                .init(() -> rrt.configure(provider.getConfiguration("recipientrewritetable")));
    }

    @ProvidesIntoSet
    InitializationOperation configureUsers(SqlUsersRepository users, ConfigurationProvider provider) {
        return InitilizationOperationBuilder.forClass(SqlUsersRepository.class)
                .init(() -> users.configure(provider.getConfiguration("usersrepository")));
    }
}
