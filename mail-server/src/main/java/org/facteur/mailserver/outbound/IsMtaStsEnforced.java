package org.facteur.mailserver.outbound;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * Matches the recipients whose domain publishes an MTA-STS policy in {@code enforce} mode (RFC 8461): their mail goes
 * to the RemoteDelivery that requires STARTTLS and a valid certificate for an MX the policy names.
 */
public final class IsMtaStsEnforced extends GenericMatcher {
    private final MtaStsPolicies policies;

    @Inject
    public IsMtaStsEnforced(MtaStsPolicies policies) {
        this.policies = policies;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        Map<String, Boolean> byDomain = new HashMap<>();
        return mail.getRecipients().stream()
                .filter(r -> byDomain.computeIfAbsent(r.getDomain().asString(), policies::enforced))
                .toList();
    }
}
