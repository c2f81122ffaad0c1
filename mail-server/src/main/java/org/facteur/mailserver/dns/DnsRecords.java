package org.facteur.mailserver.dns;

import java.util.ArrayList;
import java.util.List;

import org.facteur.mailserver.dkim.DkimKey;

/**
 * The DNS records a domain served by Facteur should publish, as zone-file lines (absolute names, one TTL):
 * MX, SPF, every published DKIM selector, DMARC at {@code p=none} with aggregate reports, MTA-STS and TLS-RPT,
 * SRV records for submission and IMAP (RFC 6186), and the names mail clients look up to configure themselves
 * (autoconfig, autodiscover). Plain text; what {@code facteur admin dns DOMAIN} prints.
 */
public final class DnsRecords {
    static final int TTL = 3600;
    /** The longest character-string of a TXT record (RFC 1035 §3.3). */
    static final int TXT_STRING = 255;
    /** Clients reach autodiscover (and autoconfig, MTA-STS) over HTTPS, on the reverse proxy in front of Facteur. */
    static final int HTTPS_PORT = 443;

    private DnsRecords() {
    }

    /**
     * Where this server answers.
     * @param hostname its public name (the MX target, and the SRV targets)
     * @param submissionPort the port of SMTP submission with STARTTLS (587 in production)
     * @param imapsPort the port of IMAP over TLS (993 in production)
     * @param mtaSts the MTA-STS policy served on the HTTP port, whose id the {@code _mta-sts} record carries
     */
    public record Server(String hostname, int submissionPort, int imapsPort, MtaStsPolicy mtaSts) {
        /** With the default MTA-STS policy: testing mode, this hostname, a week. */
        public Server(String hostname, int submissionPort, int imapsPort) {
            this(hostname, submissionPort, imapsPort,
                    MtaStsPolicy.of(MtaStsPolicy.Mode.TESTING, hostname, MtaStsPolicy.DEFAULT_MAX_AGE));
        }
    }

    /**
     * @param server where this server answers
     * @param dkim the published keys of the domain ({@code DkimKeys.published})
     */
    public static List<String> of(String domain, Server server, List<DkimKey> dkim) {
        String d = domain + ".";
        String hostname = server.hostname();
        int submissionPort = server.submissionPort();
        int imapsPort = server.imapsPort();
        String host = hostname.endsWith(".") ? hostname : hostname + ".";
        List<String> lines = new ArrayList<>();
        lines.add("; DNS records for " + domain + " (zone-file syntax). Publish them at your DNS provider.");
        lines.add(line(d, "MX", "10 " + host));
        lines.add("; SPF: only the servers of the MX record send mail for " + domain + ".");
        lines.add(line(d, "TXT", txt("v=spf1 mx -all")));
        for (DkimKey key : dkim) {
            lines.add("; DKIM " + key.algorithm().tag() + ", selector " + key.selector()
                    + key.publishedUntil().map(t -> ": rotated out, keep it published until " + t + ", then delete it")
                            .orElse(": signs outgoing mail"));
            lines.add(line(key.recordName() + ".", "TXT", txt(key.recordText())));
        }
        lines.add("; DMARC: start with p=none and read the aggregate reports sent to postmaster@" + domain + ".");
        lines.add("; When two to four weeks of reports show only your own servers, all passing DKIM and SPF,");
        lines.add("; tighten to p=quarantine, then to p=reject.");
        lines.add(line("_dmarc." + d, "TXT", txt("v=DMARC1; p=none; rua=mailto:postmaster@" + domain + "; adkim=r; aspf=r")));
        lines.add("; Client configuration (RFC 6186): submission with STARTTLS, IMAP over TLS.");
        lines.add(line("_submission._tcp." + d, "SRV", "0 1 " + submissionPort + " " + host));
        lines.add(line("_imaps._tcp." + d, "SRV", "0 1 " + imapsPort + " " + host));
        lines.addAll(clientConfiguration(domain, d, host));
        lines.addAll(mtaStsAndTlsRpt(domain, d, host, server.mtaSts()));
        return lines;
    }

    /** Thunderbird's autoconfig and Outlook's autodiscover names, answered by Facteur's HTTP port behind HTTPS. */
    private static List<String> clientConfiguration(String domain, String d, String host) {
        List<String> lines = new ArrayList<>();
        lines.add("; Client autoconfiguration: Thunderbird asks https://autoconfig." + domain + "/mail/config-v1.1.xml, Outlook");
        lines.add("; https://autodiscover." + domain + "/autodiscover/autodiscover.xml (or the host and port of the SRV record).");
        lines.add("; Both names reach Facteur's HTTP port through your HTTPS reverse proxy, whose certificate must cover them;");
        lines.add("; where a CNAME is not possible, give them A/AAAA records with the address of " + host);
        lines.add(line("autoconfig." + d, "CNAME", host));
        lines.add(line("autodiscover." + d, "CNAME", host));
        lines.add(line("_autodiscover._tcp." + d, "SRV", "0 1 " + HTTPS_PORT + " " + host));
        return lines;
    }

    /** MTA-STS (RFC 8461): the policy's id and the host serving it; TLS-RPT (RFC 8460): where failure reports go. */
    private static List<String> mtaStsAndTlsRpt(String domain, String d, String host, MtaStsPolicy policy) {
        List<String> lines = new ArrayList<>();
        lines.add("; MTA-STS: servers sending to " + domain + " want TLS with a valid certificate for the MX (mode "
                + policy.mode().text() + ", max_age " + policy.maxAge().toSeconds() + " s: " + switch (policy.mode()) {
                    case TESTING -> "they report failures and still deliver";
                    case ENFORCE -> "they do not deliver without it";
                    case NONE -> "the policy is withdrawn";
                } + ").");
        lines.add("; The policy is served at https://mta-sts." + domain + "/.well-known/mta-sts.txt (a certificate for mta-sts."
                + domain + " on the reverse proxy,");
        lines.add("; or A/AAAA records instead of the CNAME); the id changes whenever the policy does: publish the new one then.");
        lines.add(line("_mta-sts." + d, "TXT", txt(policy.txtRecord())));
        lines.add(line("mta-sts." + d, "CNAME", host));
        lines.add("; TLS-RPT: daily reports of failed TLS connections to " + domain + ", sent to its postmaster.");
        lines.add(line("_smtp._tls." + d, "TXT", txt("v=TLSRPTv1; rua=mailto:postmaster@" + domain)));
        return lines;
    }

    private static String line(String name, String type, String data) {
        return String.format("%-40s %d IN %-4s %s", name, TTL, type, data);
    }

    /** A TXT record's data: quoted strings of at most 255 characters, one after the other (RFC 1035 §3.3.14). */
    static String txt(String text) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < text.length(); i += TXT_STRING) {
            parts.add("\"" + text.substring(i, Math.min(text.length(), i + TXT_STRING)) + "\"");
        }
        return parts.size() == 1 ? parts.get(0) : "( " + String.join(" ", parts) + " )";
    }
}
