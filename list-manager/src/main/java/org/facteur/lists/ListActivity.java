package org.facteur.lists;

import org.facteur.lists.posting.Decision;

/**
 * What the list manager tells its host about posts, for counting them (the mail server turns it into metrics).
 * Called on the thread that handled the post; implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface ListActivity {
    ListActivity NONE = (list, decision, recipients) -> { };

    /**
     * A post to {@code list} was decided; {@code recipients} is how many members its copies go to (0 unless accepted).
     */
    void postDecided(String list, Decision decision, int recipients);
}
