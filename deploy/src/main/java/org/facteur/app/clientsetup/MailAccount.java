package org.facteur.app.clientsetup;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The address a client asks its settings for, and where it is served: the host name and ports of
 * {@code facteur.published}. The address need not be a mailbox here (answering only for existing ones would tell
 * anyone which addresses exist); its domain must be served, which the controller checks.
 */
record MailAccount(String address, String domain, Servers servers) {
    /** A dot-atom local part (RFC 5322 atext, letters of any script too): no quoted strings, no spaces. */
    private static final Pattern LOCAL_PART = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
    /** A domain name of at least two labels. */
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    /** Where clients connect: IMAP over TLS and with STARTTLS, submission with STARTTLS and over TLS. */
    record Servers(String hostname, int imaps, int imap, int submission, int smtps) {
    }

    /** The settings of any address of the domain: Thunderbird asked without naming one. */
    static MailAccount ofDomain(String domain, Servers servers) {
        return new MailAccount("%EMAILADDRESS%", domain, servers);
    }

    /** A parsed address, or {@link ClientSetupException#badRequest} with a sentence saying what is expected. */
    static MailAccount of(String raw, Servers servers) {
        if (raw == null || raw.isBlank()) {
            throw ClientSetupException.badRequest("Name the address to configure: emailaddress=you@example.org.");
        }
        String address = raw.strip();
        int at = address.lastIndexOf('@');
        String local = at > 0 ? address.substring(0, at) : "";
        String domain = at > 0 ? address.substring(at + 1).toLowerCase(Locale.ROOT) : "";
        if (local.length() > 64 || domain.length() > 253 || !LOCAL_PART.matcher(local).matches() || !DOMAIN.matcher(domain).matches()) {
            throw ClientSetupException.badRequest("'" + address + "' is not an email address such as you@example.org.");
        }
        return new MailAccount(local + "@" + domain, domain, servers);
    }
}
