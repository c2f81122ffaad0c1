package org.facteur.lists.model;

/** What a person is on a list. One address may hold several roles (an owner who is also subscribed). */
public enum Role {
    OWNER,
    MODERATOR,
    SUBSCRIBER
}
