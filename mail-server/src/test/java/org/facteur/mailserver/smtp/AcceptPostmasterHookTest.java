package org.facteur.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.lib.MappingsImpl;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.MailetContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AcceptPostmasterHookTest {
    private final DomainList domains = mock(DomainList.class);
    private final MailetContext context = mock(MailetContext.class);
    private final UsersRepository users = mock(UsersRepository.class);
    private final RecipientRewriteTable rewrites = mock(RecipientRewriteTable.class);
    private final AcceptPostmasterHook hook = new AcceptPostmasterHook(domains, context, users, rewrites);

    @BeforeEach
    void servedDomainsAndAMailbox() throws Exception {
        when(domains.containsDomain(any())).thenAnswer(i -> i.getArgument(0, Domain.class).asString().equals("example.org"));
        when(users.getUsername(any())).thenAnswer(i -> Username.fromMailAddress(i.getArgument(0)));
        when(users.contains(any())).thenAnswer(i -> i.getArgument(0, Username.class).asString().equals("alice@example.org"));
        when(rewrites.getResolvedMappings(anyString(), any())).thenReturn(MappingsImpl.empty());
    }

    @Test
    void postmasterOfAServedDomainIsAcceptedWhenThePostmasterIsAMailbox() throws Exception {
        when(context.getPostmaster()).thenReturn(new MailAddress("alice@example.org"));
        assertThat(answer("postmaster@example.org")).isEqualTo(HookReturnCode.ok());
        assertThat(answer("PostMaster@example.org")).isEqualTo(HookReturnCode.ok());
        assertThat(answer("postmaster@elsewhere.test")).isEqualTo(HookReturnCode.declined());
        assertThat(answer("abuse@example.org")).isEqualTo(HookReturnCode.declined());
    }

    @Test
    void aPostmasterNobodyReceivesLeavesTheDecisionToJamessCheck() throws Exception {
        when(context.getPostmaster()).thenReturn(new MailAddress("postmaster@example.org"));
        assertThat(answer("postmaster@example.org")).isEqualTo(HookReturnCode.declined());
        when(context.getPostmaster()).thenReturn(new MailAddress("admin@elsewhere.test"));
        assertThat(answer("postmaster@example.org")).isEqualTo(HookReturnCode.declined());
    }

    private HookReturnCode answer(String rcpt) throws Exception {
        return hook.doRcpt(null, MaybeSender.nullSender(), new MailAddress(rcpt)).getResult();
    }
}
