package org.facteur.lists.posting;

import java.net.URI;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.model.MailingList;

/**
 * One member's unsubscribe headers (RFC 2369, RFC 8058): {@code List-Unsubscribe: <https://.../lists/u/<token>>,
 * <mailto:team-unsubscribe@...>} and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}, which lets a mail
 * provider unsubscribe the member with one POST. Without a public URL the copy keeps the generic {@code mailto:} alone
 * and gets no {@code List-Unsubscribe-Post} (RFC 8058 asks for an HTTPS link next to it).
 */
public final class UnsubscribeLinks {
    /** Where the public web side answers one-click links: {@code <public URL>/lists/u/<token>}. */
    public static final String PATH = "/lists/u/";

    private UnsubscribeLinks() {
    }

    /** {@code https://mail.example.org/lists/u/<token>} for the public URL {@code https://mail.example.org} (or with a path). */
    public static String link(URI publicUrl, String token) {
        return PublicUrls.under(publicUrl, PATH + token);
    }

    static void apply(MimeMessage copy, MailingList list, String token, Optional<URI> publicUrl) throws MessagingException {
        copy.removeHeader("List-Unsubscribe-Post");
        if (publicUrl.isEmpty()) {
            return;
        }
        copy.setHeader("List-Unsubscribe", "<" + link(publicUrl.get(), token) + ">, <mailto:" + list.unsubscribeAddress() + ">");
        copy.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
}
