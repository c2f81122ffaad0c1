package org.facteur.mailserver.spam;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Rspamd is: {@code checkUrl} is its normal worker ({@code FACTEUR_RSPAMD_URL}, e.g. {@code http://127.0.0.1:11333}),
 * which scans mail; {@code learnUrl} its controller ({@code FACTEUR_RSPAMD_LEARN_URL}; by default the same host on port
 * 11334 when the normal worker is on its default port 11333), which learns from members' Junk moves; {@code password}
 * the controller's password ({@code FACTEUR_RSPAMD_PASSWORD}), empty when the controller trusts Facteur's address
 * ({@code secure_ip}). The password is never printed.
 */
public record RspamdSettings(URI checkUrl, Optional<URI> learnUrl, String password) {

    public RspamdSettings {
        Objects.requireNonNull(checkUrl, "checkUrl");
        Objects.requireNonNull(learnUrl, "learnUrl");
        password = password == null ? "" : password;
        requireHttp(checkUrl, "FACTEUR_RSPAMD_URL");
        learnUrl.ifPresent(u -> requireHttp(u, "FACTEUR_RSPAMD_LEARN_URL"));
    }

    /** From the settings' text: an empty learn URL means Rspamd's default controller port next to a default normal worker. */
    public static RspamdSettings of(String checkUrl, String learnUrl, String password) {
        URI check = uri(checkUrl, "FACTEUR_RSPAMD_URL");
        Optional<URI> learn = learnUrl == null || learnUrl.isBlank() ? defaultController(check)
                : Optional.of(uri(learnUrl, "FACTEUR_RSPAMD_LEARN_URL"));
        return new RspamdSettings(check, learn, password);
    }

    private static Optional<URI> defaultController(URI check) {
        if (check.getPort() != 11333) {
            return Optional.empty();
        }
        return Optional.of(URI.create(check.getScheme() + "://" + check.getRawAuthority().replace(":11333", ":11334")));
    }

    private static URI uri(String url, String setting) {
        String u = url.strip();
        u = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        try {
            return new URI(u);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(setting + " must be an http:// or https:// URL such as http://127.0.0.1:11333, not '"
                    + url + "'");
        }
    }

    private static void requireHttp(URI uri, String setting) {
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(setting + " must be an http:// or https:// URL such as http://127.0.0.1:11333, not '"
                    + uri + "'");
        }
    }

    @Override
    public String toString() {
        return "RspamdSettings[" + checkUrl + ", learn=" + learnUrl.map(URI::toString).orElse("off")
                + (password.isEmpty() ? "" : ", password set") + "]";
    }
}
