package org.facteur.mailserver.imap.context;

import java.util.List;

/** Writes ids as an IMAP sequence set, {@code 1:3,7,9:10}: runs that go up by one become ranges, order kept. */
public final class SequenceSets {
    private SequenceSets() {
    }

    public static String of(List<Long> ids) {
        StringBuilder set = new StringBuilder();
        int i = 0;
        while (i < ids.size()) {
            int j = i;
            while (j + 1 < ids.size() && ids.get(j + 1) == ids.get(j) + 1) {
                j++;
            }
            if (!set.isEmpty()) {
                set.append(',');
            }
            set.append(ids.get(i));
            if (j > i) {
                set.append(':').append(ids.get(j));
            }
            i = j + 1;
        }
        return set.toString();
    }
}
