package org.facteur.mailserver.inbound;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.facteur.mailserver.dkim.DkimVerifier;

/**
 * SPF, DKIM and DMARC of one received message, and what to do with it. Plain Java: the SMTP hook
 * ({@link InboundAuthHook}) hands in the envelope, the author domains and the raw message.
 *
 * <p>Temporary DNS failures: the result is written as {@code temperror} and the message is delivered, except when the
 * failure could decide between delivery and a DMARC refusal or quarantine: the DMARC record could not be fetched and
 * neither SPF nor DKIM authenticated the author domain, or DMARC failed under {@code p=quarantine}/{@code reject} while
 * SPF or a DKIM key lookup failed temporarily. Those get {@code 451 4.7.1}, and the sending server tries again
 * (RFC 7208 §8.6 and RFC 7489 §6.6.3 leave deferral to the receiver).
 */
public final class InboundAuthenticator {
    /** At most this many author domains are evaluated (a From may list several addresses). */
    static final int MAX_AUTHOR_DOMAINS = 5;

    /** What happens to the message. */
    public enum Action { DELIVER, QUARANTINE, REJECT, DEFER }

    /**
     * @param field the Authentication-Results field (with CRLF) to put on top
     * @param reason for REJECT and DEFER, the sentence of the SMTP reply; empty otherwise
     */
    public record Verdict(String field, Action action, String reason) {
    }

    private final String authservId;
    private final SpfCheck spf;
    private final DkimVerifier dkim;
    private final Dmarc dmarc;

    public InboundAuthenticator(String authservId, SpfCheck spf, DkimVerifier dkim, Dmarc dmarc) {
        this.authservId = authservId;
        this.spf = spf;
        this.dkim = dkim;
        this.dmarc = dmarc;
    }

    public String authservId() {
        return authservId;
    }

    /**
     * @param mailFrom the envelope sender, empty for the null sender
     * @param authorDomains the domains of the header From's addresses
     */
    public Verdict check(String clientIp, String helo, Optional<String> mailFrom, List<String> authorDomains, byte[] message) {
        String heloName = helo == null ? "" : helo;
        String spfResult = spf.check(clientIp, mailFrom.orElse(""), heloName);
        String spfDomain = mailFrom.map(a -> a.substring(a.lastIndexOf('@') + 1)).orElse(heloName).toLowerCase(Locale.ROOT);
        List<DkimVerifier.Result> signatures = dkim.verify(message);
        List<String> results = new ArrayList<>();
        results.add("spf=" + spfResult + " " + (mailFrom.isPresent() ? "smtp.mailfrom=" + AuthenticationResults.value(mailFrom.get())
                : "smtp.helo=" + AuthenticationResults.value(heloName.isEmpty() ? "unknown" : heloName)));
        if (signatures.isEmpty()) {
            results.add("dkim=none");
        }
        for (DkimVerifier.Result s : signatures) {
            results.add("dkim=" + s.result() + (s.reason().isEmpty() ? "" : " " + AuthenticationResults.comment(s.reason()))
                    + (s.domain().isEmpty() ? "" : " header.d=" + AuthenticationResults.value(s.domain()))
                    + (s.selector().isEmpty() ? "" : " header.s=" + AuthenticationResults.value(s.selector()))
                    + (s.algorithm().isEmpty() ? "" : " header.a=" + AuthenticationResults.value(s.algorithm())));
        }
        boolean temporaryFailure = spfResult.equals("temperror") || signatures.stream().anyMatch(s -> s.result().equals("temperror"));
        Action action = Action.DELIVER;
        String reason = "";
        LinkedHashSet<String> domains = new LinkedHashSet<>();
        authorDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).limit(MAX_AUTHOR_DOMAINS).forEach(domains::add);
        if (domains.isEmpty()) {
            results.add("dmarc=none " + AuthenticationResults.comment("no author domain"));
        }
        for (String from : domains) {
            Dmarc.Evaluation e = dmarc.evaluate(from, spfResult, spfDomain, signatures);
            results.add("dmarc=" + e.result() + (e.result().equals("pass") || e.result().equals("fail")
                    ? " " + AuthenticationResults.comment("p=" + e.published().word() + " dis=" + e.applied().word()) : "")
                    + " header.from=" + AuthenticationResults.value(from));
            Action a = Action.DELIVER;
            String r = "";
            boolean unknownAndUnauthenticated = e.result().equals("temperror")
                    && !Dmarc.authenticatesRelaxed(from, spfResult, spfDomain, signatures);
            boolean failedMaybeWrongly = e.result().equals("fail") && e.published() != Dmarc.Policy.NONE && temporaryFailure;
            if (unknownAndUnauthenticated || failedMaybeWrongly) {
                a = Action.DEFER;
                r = "4.7.1 The sender's domain " + from + " could not be checked (temporary DNS failure); please try again later";
            } else if (e.applied() == Dmarc.Policy.REJECT) {
                a = Action.REJECT;
                r = "5.7.1 Refused: the message is from " + from + ", whose owner asks (DMARC p=reject) that mail neither"
                        + " SPF nor DKIM authenticates for that domain be refused, and this message is not authenticated";
            } else if (e.applied() == Dmarc.Policy.QUARANTINE) {
                a = Action.QUARANTINE;
            }
            if (a.compareTo(action) > 0 && !(action == Action.REJECT && a == Action.DEFER)) {
                action = a;
                reason = r;
            }
        }
        return new Verdict(AuthenticationResults.field(authservId, results), action, reason);
    }
}
