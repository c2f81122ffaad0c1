package org.facteur.mailserver.admin;

import javax.inject.Inject;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.utils.GuiceProbe;

/** The James services Facteur's administration uses, taken out of the Guice injector. */
public record JamesServices(DomainList domains, UsersRepository users, RecipientRewriteTable rewrites,
                            MailboxManager mailboxes, MaxQuotaManager maxQuotas, QuotaManager quotas,
                            UserQuotaRootResolver quotaRoots,
                            org.facteur.mailserver.search.FacteurSearchIndex searchIndex,
                            org.apache.mailet.MailetContext mailetContext) implements GuiceProbe {

    @Inject
    public JamesServices {
    }
}
