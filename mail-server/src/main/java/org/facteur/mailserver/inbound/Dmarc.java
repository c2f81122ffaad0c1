package org.facteur.mailserver.inbound;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

import org.facteur.mailserver.dkim.DkimVerifier;
import org.facteur.mailserver.dns.TxtLookup;

/**
 * DMARC (RFC 7489) for one author domain (the header From's): finds the policy record ({@code _dmarc.<domain>}, else
 * that of the organizational domain), then passes when SPF passed for an aligned MAIL FROM (or HELO) domain or a DKIM
 * signature of an aligned domain verified. {@code pct} is honoured (a failure outside the sample gets the next milder
 * policy, §6.6.4).
 */
public final class Dmarc {
    /** What the domain owner asks for mail that fails. */
    public enum Policy {
        NONE, QUARANTINE, REJECT;

        static Policy parse(String value) {
            return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
                case "reject" -> REJECT;
                case "quarantine" -> QUARANTINE;
                default -> NONE;
            };
        }

        Policy milder() {
            return this == REJECT ? QUARANTINE : NONE;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param result pass, fail, none (no policy published), temperror, permerror
     * @param published the policy the record asks for ({@code p=}, or {@code sp=} for a subdomain)
     * @param applied what to do with this message: {@link Policy#NONE} unless it failed (after {@code pct})
     */
    public record Evaluation(String result, String fromDomain, Policy published, Policy applied) {
    }

    private final DmarcRecords records;
    private final IntSupplier percentile;

    /** @param percentile a number from 0 to 99 drawn for each message, compared with {@code pct} */
    public Dmarc(TxtLookup dns, IntSupplier percentile) {
        this.records = new DmarcRecords(dns);
        this.percentile = percentile;
    }

    /**
     * @param spfResult the SPF result word
     * @param spfDomain the domain SPF checked (MAIL FROM's, or HELO's for the null sender)
     */
    public Evaluation evaluate(String fromDomain, String spfResult, String spfDomain, List<DkimVerifier.Result> dkim) {
        String from = fromDomain.toLowerCase(Locale.ROOT);
        DmarcRecords.Lookup found = records.find(from);
        if (found instanceof DmarcRecords.Lookup.Failed) {
            return new Evaluation("temperror", from, Policy.NONE, Policy.NONE);
        }
        if (!(found instanceof DmarcRecords.Lookup.Found record)) {
            return new Evaluation("none", from, Policy.NONE, Policy.NONE);
        }
        Map<String, String> tags = record.tags();
        Policy policy = record.policy();
        boolean strictSpf = "s".equals(tags.get("aspf"));
        boolean strictDkim = "s".equals(tags.get("adkim"));
        boolean spfAligned = "pass".equals(spfResult) && spfDomain != null && aligned(from, spfDomain, strictSpf);
        boolean dkimAligned = dkim.stream().anyMatch(r -> r.passed() && aligned(from, r.domain(), strictDkim));
        if (spfAligned || dkimAligned) {
            return new Evaluation("pass", from, policy, Policy.NONE);
        }
        Policy applied = policy;
        int pct = pct(tags.get("pct"));
        if (pct < 100 && percentile.getAsInt() >= pct) {
            applied = policy.milder();
        }
        return new Evaluation("fail", from, policy, applied);
    }

    /** Whether SPF or DKIM passed for a domain of the same organization as {@code from} (relaxed alignment). */
    static boolean authenticatesRelaxed(String from, String spfResult, String spfDomain, List<DkimVerifier.Result> dkim) {
        return ("pass".equals(spfResult) && spfDomain != null && aligned(from, spfDomain, false))
                || dkim.stream().anyMatch(r -> r.passed() && aligned(from, r.domain(), false));
    }

    private static boolean aligned(String from, String other, boolean strict) {
        String o = other.toLowerCase(Locale.ROOT);
        return strict ? from.equals(o) : OrganizationalDomain.relaxedAligned(from, o);
    }

    private static int pct(String value) {
        try {
            return value == null ? 100 : Math.max(0, Math.min(100, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
