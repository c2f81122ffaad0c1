package org.facteur.lists.model;

/**
 * Whether a list keeps its posts in an archive, and who may read it. Members-only is the default: a list's posts
 * usually reach its members only, so a public archive is a choice its owners make.
 */
public enum ArchiveAccess {
    /** Nothing is archived. */
    OFF,
    /** Archived, readable by the list's members (and its owners and moderators). */
    MEMBERS,
    /** Archived, readable by anyone. */
    PUBLIC;

    /** Whether posts of a list with this setting are kept. */
    public boolean keepsPosts() {
        return this != OFF;
    }
}
