package org.facteur.lists.store;

import org.facteur.lists.bounce.MemberBounces;

/** A member of a list with bounce points or a suspension, and what the store keeps of those bounces. */
public record BouncingMember(String address, MemberBounces bounces) {
}
