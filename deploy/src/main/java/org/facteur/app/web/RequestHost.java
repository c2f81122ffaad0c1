package org.facteur.app.web;

import java.util.Locale;
import java.util.Optional;

/**
 * The name a request was sent to, from its {@code Host} header: lower case, without port. Services on the public
 * HTTP port answer per mail domain by the host name clients use ({@code openpgpkey.<domain>}, {@code mta-sts.<domain>},
 * {@code autoconfig.<domain>}...). An address literal ({@code [::1]}) names no domain.
 */
public final class RequestHost {
    private RequestHost() {
    }

    public static Optional<String> name(String host) {
        if (host == null || host.isBlank() || host.strip().startsWith("[")) {
            return Optional.empty();
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        int colon = name.indexOf(':');
        return Optional.of(colon >= 0 ? name.substring(0, colon) : name);
    }

    /** The name without the service's label: {@code mta-sts.example.org} with prefix {@code mta-sts.} is example.org. */
    public static Optional<String> withoutPrefix(String host, String prefix) {
        return name(host).map(name -> name.startsWith(prefix) ? name.substring(prefix.length()) : name);
    }
}
