package org.facteur.mailserver.inbound;

import java.util.Locale;

import com.google.common.net.InternetDomainName;

/**
 * The organizational domain of RFC 7489 §3.2: the public suffix of a name (from the Public Suffix List, as bundled in
 * Guava) plus one label. A name under no listed suffix (a private or test top-level domain) follows the list's implicit
 * {@code *} rule: its last two labels.
 */
public final class OrganizationalDomain {
    private OrganizationalDomain() {
    }

    public static String of(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        try {
            InternetDomainName name = InternetDomainName.from(d);
            if (name.isUnderPublicSuffix()) {
                return name.topPrivateDomain().toString();
            }
            if (name.isPublicSuffix()) {
                return d;
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // not a domain name Guava accepts: fall back on the labels
        }
        String[] labels = d.split("\\.");
        return labels.length <= 2 ? d : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    /** Relaxed alignment: the same organizational domain. */
    public static boolean relaxedAligned(String a, String b) {
        return of(a).equals(of(b));
    }
}
