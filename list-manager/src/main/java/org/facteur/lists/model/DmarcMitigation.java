package org.facteur.lists.model;

import java.util.Objects;

/**
 * What a list does to a post whose author's domain publishes DMARC {@code p=reject} or {@code p=quarantine}: the list
 * changes the post (subject tag, footer), which breaks the author's DKIM signature, so a copy still showing the
 * author's address in From would be refused or sent to spam by receivers that check DMARC. Posts from domains with
 * {@code p=none} or no DMARC record are never changed this way.
 *
 * @param mode how the copy is made safe
 * @param poster where the poster's address goes once From is the list's
 */
public record DmarcMitigation(Mode mode, Poster poster) {
    /** Rewrite From in place, poster in Reply-To (or Cc when the list sends replies to itself). */
    public static final DmarcMitigation DEFAULT = new DmarcMitigation(Mode.REWRITE, Poster.REPLY_TO);

    public DmarcMitigation {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(poster, "poster");
    }

    public enum Mode {
        /** From becomes {@code "Poster via team" <team@example.org>}, the post is otherwise distributed as usual. */
        REWRITE,
        /** The copy comes from the list and carries the post, unchanged, as a message/rfc822 part. */
        WRAP,
        /** Nothing is done: copies of such posts will often be refused or filed as spam. */
        OFF
    }

    public enum Poster {
        /** The poster's address (or their own Reply-To) in Reply-To, unless the list sets Reply-To to itself. */
        REPLY_TO,
        /** The poster's address added to Cc. */
        CC
    }

    public DmarcMitigation withMode(Mode value) {
        return new DmarcMitigation(value, poster);
    }

    public DmarcMitigation withPoster(Poster value) {
        return new DmarcMitigation(mode, value);
    }
}
