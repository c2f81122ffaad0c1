package org.facteur.lists.posting;

import java.net.URI;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.model.MailingList;

/**
 * The archive's headers on a list's copies: {@code List-Archive: <https://.../lists/archive/<list>>} (RFC 2369) and
 * {@code Archived-At: <https://.../lists/archive/<list>/post/<id>>} (RFC 5064), the web pages of the list's archive and
 * of the post. Only for a list whose archive is on and a server with a public URL (without one there is no address to
 * give). Both come before the copies leave, so the mail server's DKIM signature covers them.
 */
public final class ArchiveLinks {
    /** Where the web side answers for archives: {@code <public URL>/lists/archive/<list address>}. */
    public static final String PATH = "/lists/archive/";

    private ArchiveLinks() {
    }

    /** {@code https://mail.example.org/lists/archive/team@example.org} for the public URL {@code https://mail.example.org}. */
    public static String archive(URI publicUrl, String list) {
        return PublicUrls.under(publicUrl, PATH + list);
    }

    /** {@code <archive>/post/<id>}: the page of one archived post. */
    public static String post(URI publicUrl, String list, String id) {
        return archive(publicUrl, list) + "/post/" + id;
    }

    /**
     * Before the post is archived: drops any {@code Archived-At} the post came with (from another list's archive, or
     * forged) and, when the list archives, sets {@code List-Archive}, which the archived copy keeps.
     */
    static void listArchive(MimeMessage copy, MailingList list, Optional<URI> publicUrl) throws MessagingException {
        copy.removeHeader("Archived-At");
        if (list.archive().keepsPosts() && publicUrl.isPresent()) {
            copy.setHeader("List-Archive", "<" + archive(publicUrl.get(), list.address()) + ">");
        }
    }

    /** After the post is archived under {@code id}: {@code Archived-At} for the copies that leave. */
    static void archivedAt(MimeMessage copy, MailingList list, Optional<String> id, Optional<URI> publicUrl)
            throws MessagingException {
        if (id.isPresent() && publicUrl.isPresent()) {
            copy.setHeader("Archived-At", "<" + post(publicUrl.get(), list.address(), id.get()) + ">");
        }
    }
}
