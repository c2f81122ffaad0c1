package org.facteur.mailserver.dns;

import java.util.ArrayList;
import java.util.List;

import org.facteur.mailserver.dkim.DkimKey;

/**
 * The DNS records a domain served by Facteur should publish, as zone-file lines (absolute names, one TTL):
 * MX, SPF, every published DKIM selector, DMARC at {@code p=none} with aggregate reports, and SRV records for
 * submission and IMAP (RFC 6186). Plain text; what {@code facteur admin dns DOMAIN} prints.
 */
public final class DnsRecords {
    static final int TTL = 3600;
    /** The longest character-string of a TXT record (RFC 1035 §3.3). */
    static final int TXT_STRING = 255;

    private DnsRecords() {
    }

    /**
     * Where this server answers.
     * @param hostname its public name (the MX target, and the SRV targets)
     * @param submissionPort the port of SMTP submission with STARTTLS (587 in production)
     * @param imapsPort the port of IMAP over TLS (993 in production)
     */
    public record Server(String hostname, int submissionPort, int imapsPort) {
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
