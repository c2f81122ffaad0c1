package org.facteur.lists.posting;

import java.net.URI;

/** Addresses on the public web side ({@code FACTEUR_PUBLIC_URL}) that list copies link to. */
final class PublicUrls {
    private PublicUrls() {
    }

    /** {@code https://mail.example.org/lists/u/x} for {@code https://mail.example.org/} (or with a path) and {@code /lists/u/x}. */
    static String under(URI publicUrl, String path) {
        String base = publicUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + path;
    }
}
