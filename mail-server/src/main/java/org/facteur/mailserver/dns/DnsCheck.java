package org.facteur.mailserver.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@code facteur admin dns DOMAIN --check}: resolves each record {@link DnsRecords} prints and says, record by record,
 * whether it is published as printed, missing, or different (with what is published). TXT records are matched by
 * their {@code v=} tag (a DMARC record with another policy is "different", not "missing"); a CNAME may be replaced by
 * A/AAAA records, as the printed comments allow. The DNS servers are {@code FACTEUR_DNS_SERVERS} (comma-separated
 * {@code host[:port]}), or the system's resolvers when it is empty.
 */
public final class DnsCheck {
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern V_TAG = Pattern.compile("^v=([A-Za-z0-9]+)");

    /** What is published at a name for a type, as zone-file data ({@code TXT}: the strings joined). */
    public interface Lookup {
        List<String> lookup(String name, int type) throws DnsUnanswered;
    }

    /** No answer (timeout, SERVFAIL): the check cannot say. */
    public static final class DnsUnanswered extends Exception {
        public DnsUnanswered(String message) {
            super(message);
        }
    }

    public enum Verdict { OK, MISSING, DIFFERENT, UNANSWERED }

    /** One printed record and what the DNS says of it. */
    public record Finding(Verdict verdict, String name, String type, String expected, String published) {
        /** One line: verdict, name, type, and what differs. */
        public String line() {
            String head = String.format("%-10s %s %s", verdict, name, type);
            return switch (verdict) {
                case OK -> head + (published.isEmpty() ? "" : " (" + published + ")");
                case MISSING -> head + ": not published; publish " + expected;
                case DIFFERENT -> head + ": published " + published + ", expected " + expected;
                case UNANSWERED -> head + ": no answer from the DNS (" + published + ")";
            };
        }
    }

    private DnsCheck() {
    }

    /** The findings for every record line (comments skipped) of {@code zoneLines}. */
    public static List<Finding> check(List<String> zoneLines, Lookup dns) {
        List<Finding> findings = new ArrayList<>();
        for (String line : zoneLines) {
            if (line.isBlank() || line.startsWith(";")) {
                continue;
            }
            String[] f = line.strip().split("\\s+", 5);
            String name = f[0];
            String type = f[3];
            String data = type.equals("TXT") ? joined(f[4]) : f[4].strip();
            try {
                findings.add(switch (type) {
                    case "TXT" -> txt(name, data, dns.lookup(name, Type.TXT));
                    case "CNAME" -> cname(name, data, dns);
                    case "MX" -> exact(name, type, data, dns.lookup(name, Type.MX));
                    case "SRV" -> exact(name, type, data, dns.lookup(name, Type.SRV));
                    default -> throw new IllegalArgumentException("no check for " + type);
                });
            } catch (DnsUnanswered e) {
                findings.add(new Finding(Verdict.UNANSWERED, name, type, data, e.getMessage()));
            }
        }
        return findings;
    }

    private static Finding txt(String name, String expected, List<String> published) {
        String tag = tag(expected);
        List<String> same = published.stream().filter(p -> tag.equalsIgnoreCase(tag(p))).toList();
        if (same.contains(expected)) {
            return new Finding(Verdict.OK, name, "TXT", quote(expected), "");
        }
        if (same.isEmpty()) {
            return new Finding(Verdict.MISSING, name, "TXT", quote(expected), "");
        }
        return new Finding(Verdict.DIFFERENT, name, "TXT", quote(expected), String.join(" and ", same.stream().map(DnsCheck::quote).toList()));
    }

    private static Finding exact(String name, String type, String expected, List<String> published) {
        if (published.stream().anyMatch(p -> p.equalsIgnoreCase(expected))) {
            return new Finding(Verdict.OK, name, type, expected, "");
        }
        if (published.isEmpty()) {
            return new Finding(Verdict.MISSING, name, type, expected, "");
        }
        return new Finding(Verdict.DIFFERENT, name, type, expected, String.join(" and ", published));
    }

    private static Finding cname(String name, String expected, Lookup dns) throws DnsUnanswered {
        List<String> published = dns.lookup(name, Type.CNAME);
        if (!published.isEmpty()) {
            return exact(name, "CNAME", expected, published);
        }
        List<String> addresses = new ArrayList<>(dns.lookup(name, Type.A));
        addresses.addAll(dns.lookup(name, Type.AAAA));
        if (!addresses.isEmpty()) {
            return new Finding(Verdict.OK, name, "CNAME", expected, "A/AAAA records instead: " + String.join(", ", addresses));
        }
        return new Finding(Verdict.MISSING, name, "CNAME", expected, "");
    }

    private static String joined(String data) {
        Matcher m = QUOTED.matcher(data);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            text.append(m.group(1));
        }
        return text.toString();
    }

    private static String tag(String text) {
        Matcher m = V_TAG.matcher(text.strip());
        return m.find() ? m.group(1) : "";
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    /**
     * Lookups through the DNS servers of {@code FACTEUR_DNS_SERVERS} (comma-separated {@code host[:port]}, port 53 by
     * default), or the system's resolvers when blank; no cache, so a record just published is seen.
     */
    public static Lookup through(String servers, Duration timeout) {
        Resolver resolver = resolver(servers, timeout);
        return (name, type) -> {
            try {
                org.xbill.DNS.Lookup lookup = new org.xbill.DNS.Lookup(Name.fromString(name), type);
                lookup.setResolver(resolver);
                lookup.setCache(new Cache());
                Record[] answers = lookup.run();
                if (lookup.getResult() == org.xbill.DNS.Lookup.TRY_AGAIN || lookup.getResult() == org.xbill.DNS.Lookup.UNRECOVERABLE) {
                    throw new DnsUnanswered(lookup.getErrorString());
                }
                if (answers == null) {
                    return List.of();
                }
                return Arrays.stream(answers).filter(r -> r.getType() == type).map(DnsCheck::data).toList();
            } catch (TextParseException e) {
                throw new IllegalArgumentException("'" + name + "' is not a DNS name", e);
            }
        };
    }

    private static String data(Record record) {
        return switch (record) {
            case TXTRecord txt -> String.join("", txt.getStrings());
            case MXRecord mx -> mx.getPriority() + " " + mx.getTarget();
            case SRVRecord srv -> srv.getPriority() + " " + srv.getWeight() + " " + srv.getPort() + " " + srv.getTarget();
            case CNAMERecord cname -> cname.getTarget().toString();
            default -> record.rdataToString();
        };
    }

    private static Resolver resolver(String servers, Duration timeout) {
        // the one parser of FACTEUR_DNS_SERVERS, shared with the server's own lookups
        return DnsServers.parse(servers).resolver(timeout);
    }

    /** True when every record is published as printed. */
    public static boolean allPublished(List<Finding> findings) {
        return findings.stream().allMatch(f -> f.verdict() == Verdict.OK);
    }
}
