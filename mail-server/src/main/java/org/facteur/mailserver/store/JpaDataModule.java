package org.facteur.mailserver.store;

import java.util.List;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.mailrepository.api.MailRepositoryFactory;
import org.apache.james.mailrepository.api.Protocol;
import org.apache.james.mailrepository.jpa.JPAMailRepositoryFactory;
import org.apache.james.mailrepository.memory.MailRepositoryStoreConfiguration;
import org.apache.james.domainlist.jpa.JPADomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.mailrepository.api.MailRepositoryUrlStore;
import org.apache.james.mailrepository.jpa.JPAMailRepositoryUrlStore;
import org.apache.james.rrt.api.AliasReverseResolver;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.jpa.JPARecipientRewriteTable;
import org.apache.james.rrt.lib.AliasReverseResolverImpl;
import org.apache.james.rrt.lib.CanSendFromImpl;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.sieve.jpa.JPASieveRepository;
import org.apache.james.sieverepository.api.SieveQuotaRepository;
import org.apache.james.sieverepository.api.SieveRepository;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.facteur.mailserver.users.FacteurUsersRepository;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Domains, users, aliases (recipient rewrite table), Sieve scripts and the mail repository URL store on JPA;
 * users with Facteur's password hashing ({@link FacteurUsersRepository}).
 */
public final class JpaDataModule extends AbstractModule {

    @Override
    protected void configure() {
        install(new org.apache.james.CoreDataModule());

        bind(JPADomainList.class).in(Scopes.SINGLETON);
        bind(DomainList.class).to(JPADomainList.class);

        bind(JPARecipientRewriteTable.class).in(Scopes.SINGLETON);
        bind(RecipientRewriteTable.class).to(JPARecipientRewriteTable.class);
        bind(AliasReverseResolverImpl.class).in(Scopes.SINGLETON);
        bind(AliasReverseResolver.class).to(AliasReverseResolverImpl.class);
        bind(CanSendFromImpl.class).in(Scopes.SINGLETON);
        bind(CanSendFrom.class).to(CanSendFromImpl.class);

        bind(FacteurUsersRepository.class).in(Scopes.SINGLETON);
        bind(UsersRepository.class).to(FacteurUsersRepository.class);

        bind(JPASieveRepository.class).in(Scopes.SINGLETON);
        bind(SieveRepository.class).to(JPASieveRepository.class);
        bind(SieveQuotaRepository.class).to(JPASieveRepository.class);

        bind(JPAMailRepositoryUrlStore.class).in(Scopes.SINGLETON);
        bind(MailRepositoryUrlStore.class).to(JPAMailRepositoryUrlStore.class);
        Multibinder.newSetBinder(binder(), MailRepositoryFactory.class).addBinding().to(JPAMailRepositoryFactory.class);
    }

    /** Used only when mailrepositorystore.xml lists nothing: file repositories under the data directory. */
    @Provides
    @Singleton
    MailRepositoryStoreConfiguration.Item defaultMailRepositories() {
        return new MailRepositoryStoreConfiguration.Item(List.of(new Protocol("file")),
                "org.apache.james.mailrepository.file.FileMailRepository", new BaseHierarchicalConfiguration());
    }

    @ProvidesIntoSet
    InitializationOperation configureDomainList(JPADomainList domainList, DomainListConfiguration configuration) {
        return InitilizationOperationBuilder.forClass(JPADomainList.class)
                .init(() -> domainList.configure(configuration));
    }

    @ProvidesIntoSet
    InitializationOperation configureRecipientRewriteTable(JPARecipientRewriteTable rrt, ConfigurationProvider provider) {
        return InitilizationOperationBuilder.forClass(JPARecipientRewriteTable.class)
                .init(() -> rrt.configure(provider.getConfiguration("recipientrewritetable")));
    }

    @ProvidesIntoSet
    InitializationOperation configureUsers(FacteurUsersRepository users, ConfigurationProvider provider) {
        return InitilizationOperationBuilder.forClass(FacteurUsersRepository.class)
                .init(() -> users.configure(provider.getConfiguration("usersrepository")));
    }
}
