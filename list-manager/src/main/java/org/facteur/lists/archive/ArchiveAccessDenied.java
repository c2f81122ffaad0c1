package org.facteur.lists.archive;

/** Someone asked the archive for what their role on the list does not allow (the web side answers 403). */
public final class ArchiveAccessDenied extends RuntimeException {
    public ArchiveAccessDenied(String message) {
        super(message);
    }
}
