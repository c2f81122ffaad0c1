package org.facteur.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code FACTEUR_PUBLIC_URL}: where mail readers reach Facteur's public web side, e.g. {@code https://mail.example.org}
 * (the reverse proxy's address), with an optional path. List copies carry one-click unsubscribe links under it
 * ({@code <url>/lists/u/<token>}). Mail providers follow only {@code https} links (RFC 8058); {@code http} is taken for
 * tests and private networks.
 */
final class PublicUrl {
    private PublicUrl() {
    }

    static Optional<URI> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // refused below with the same sentence
        }
        throw new IllegalArgumentException("FACTEUR_PUBLIC_URL must be the address of Facteur's web side, such as "
                + "https://mail.example.org, without query or user; '" + text + "' is not.");
    }
}
