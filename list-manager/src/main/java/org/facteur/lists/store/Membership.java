package org.facteur.lists.store;

import org.facteur.lists.model.Member;

/** One member of one list, as found by its token. */
public record Membership(String list, Member member) {
}
