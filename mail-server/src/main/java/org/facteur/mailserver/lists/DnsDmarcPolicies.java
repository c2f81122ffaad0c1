package org.facteur.mailserver.lists;

import org.facteur.lists.posting.DmarcPolicies;
import org.facteur.mailserver.inbound.DmarcRecords;

/**
 * The list manager's {@link DmarcPolicies} answered from the DNS (the servers of {@code FACTEUR_DNS_SERVERS}), with
 * the record lookup of the inbound DMARC check: the domain's record, else its organizational domain's ({@code sp=}).
 */
public final class DnsDmarcPolicies implements DmarcPolicies {
    private final DmarcRecords records;

    public DnsDmarcPolicies(DmarcRecords records) {
        this.records = records;
    }

    @Override
    public Policy policyOf(String domain) {
        return switch (records.find(domain)) {
            case DmarcRecords.Lookup.Found found -> switch (found.policy()) {
                case REJECT -> Policy.REJECT;
                case QUARANTINE -> Policy.QUARANTINE;
                case NONE -> Policy.NONE;
            };
            case DmarcRecords.Lookup.Missing missing -> Policy.ABSENT;
            case DmarcRecords.Lookup.Failed failed -> Policy.UNKNOWN;
        };
    }
}
