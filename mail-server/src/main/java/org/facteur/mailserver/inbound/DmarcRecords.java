package org.facteur.mailserver.inbound;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.facteur.mailserver.dkim.DkimVerifier;
import org.facteur.mailserver.dns.TxtLookup;

/**
 * Finds the DMARC record (RFC 7489 §6.6.3) that governs an author domain: {@code _dmarc.<domain>}, else that of its
 * organizational domain, whose {@code sp=} then applies. Used by the inbound check ({@link Dmarc}) and by the
 * mailing lists, which ask what a poster's domain publishes.
 */
public final class DmarcRecords {
    /** What the lookup found. */
    public sealed interface Lookup {
        /** One valid record; {@code atOrganizationalDomain} when it is the organizational domain's. */
        record Found(Map<String, String> tags, boolean atOrganizationalDomain) implements Lookup {
            /** {@code p=}, or {@code sp=} when the record is the organizational domain's and has one. */
            public Dmarc.Policy policy() {
                return Dmarc.Policy.parse(atOrganizationalDomain && tags.containsKey("sp") ? tags.get("sp") : tags.get("p"));
            }
        }

        /** No record, several (then none applies), or a malformed one. */
        record Missing() implements Lookup {
        }

        /** The DNS did not answer (timeout, SERVFAIL). */
        record Failed() implements Lookup {
        }
    }

    private final TxtLookup dns;

    public DmarcRecords(TxtLookup dns) {
        this.dns = dns;
    }

    public Lookup find(String fromDomain) {
        String from = fromDomain.toLowerCase(Locale.ROOT);
        String org = OrganizationalDomain.of(from);
        Lookup found = record("_dmarc." + from, false);
        if (found instanceof Lookup.Missing && !org.equals(from)) {
            found = record("_dmarc." + org, true);
        }
        return found;
    }

    private Lookup record(String name, boolean atOrganizationalDomain) {
        TxtLookup.Answer answer = dns.txt(name);
        if (answer instanceof TxtLookup.TemporaryFailure) {
            return new Lookup.Failed();
        }
        if (answer instanceof TxtLookup.Found found) {
            List<String> dmarc = found.records().stream().filter(r -> r.startsWith("v=DMARC1")).toList();
            if (dmarc.size() == 1) {
                Map<String, String> tags = DkimVerifier.tags(dmarc.get(0)); // DMARC uses DKIM's tag-value syntax (RFC 7489 §6.4)
                if (tags != null && "DMARC1".equals(tags.get("v"))) {
                    return new Lookup.Found(tags, atOrganizationalDomain);
                }
            }
        }
        // none, several (§6.6.3: then none applies) or malformed
        return new Lookup.Missing();
    }
}
