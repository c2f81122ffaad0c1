package org.facteur.mailserver.dns;

import java.util.Optional;

/** The MTA-STS policy that holds now for mail to a receiving domain, if it has one. */
@FunctionalInterface
public interface MtaStsPolicySource {
    /** No domain has a policy. */
    MtaStsPolicySource NONE = domain -> Optional.empty();

    Optional<MtaStsPolicy> policy(String domain);
}
