package org.facteur.mailserver.events;

/**
 * Marks a listener group that must hear the mailbox events of every node, not only those of its own: a node's own
 * copy of something, such as its search index. Other groups (learning spam, for instance) act once, on the node
 * where the event happened.
 */
public interface OnEveryNode {
}
