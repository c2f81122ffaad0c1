package org.facteur.lists.store;

import java.time.Instant;

/** Posts waiting for one list's digest: how many, and when the oldest arrived. */
public record DigestQueue(String list, int posts, Instant oldest) {
}
