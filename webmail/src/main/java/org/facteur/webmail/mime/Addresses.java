package org.facteur.webmail.mime;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.InternetAddress;

/**
 * An address header (From, To, Cc, Reply-To, Sender) as a list of addresses a person can read and a reply
 * can use: {@code Name <address>}, or the address alone. Groups give their members. Parsed with Jakarta
 * Mail's non-strict parser; whatever it cannot make sense of is shown as the decoded raw text, so
 * {@code <a:b@evil.test>}, {@code "Unterminated <x} or a lone {@code @} still say what the sender wrote.
 */
public final class Addresses {
    /** Addresses kept from one header: more than any real message names, fewer than a page can hold. */
    public static final int MAX_ADDRESSES = 1_000;
    private static final String SPECIALS = "()<>@,;:\\\".[]";

    private Addresses() {
    }

    public static List<String> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try {
            for (InternetAddress a : InternetAddress.parseHeader(raw, false)) {
                if (a.isGroup()) {
                    InternetAddress[] members = a.getGroup(false);
                    for (InternetAddress member : members == null ? new InternetAddress[0] : members) {
                        add(out, member);
                    }
                } else {
                    add(out, a);
                }
                if (out.size() >= MAX_ADDRESSES) {
                    break;
                }
            }
        } catch (Exception e) {
            out.clear();
        }
        if (out.isEmpty()) {
            String shown = HeaderBlock.shown(raw);
            return shown.isEmpty() ? List.of() : List.of(shown);
        }
        return List.copyOf(out);
    }

    /** The first address of the header, or "" when it has none. */
    public static String first(String raw) {
        List<String> all = parse(raw);
        return all.isEmpty() ? "" : all.get(0);
    }

    private static void add(List<String> out, InternetAddress a) {
        String address = HeaderBlock.printable(a.getAddress() == null ? "" : a.getAddress()).strip();
        String personal = a.getPersonal();
        personal = personal == null ? "" : HeaderBlock.shown(personal);
        if (address.isEmpty() && personal.isEmpty()) {
            return;
        }
        if (personal.isEmpty() || personal.equals(address)) {
            out.add(address);
        } else {
            out.add(phrase(personal) + " <" + address + ">");
        }
    }

    /** The name as an RFC 5322 phrase: quoted (with \ and " escaped) when it holds specials. */
    private static String phrase(String personal) {
        for (int i = 0; i < personal.length(); i++) {
            if (SPECIALS.indexOf(personal.charAt(i)) >= 0) {
                return "\"" + personal.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
        }
        return personal;
    }
}
