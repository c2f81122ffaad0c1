package org.facteur.lists.model;

/**
 * How a list's post leaves: one copy per member, or copies shared by many members.
 */
public enum Copies {
    /**
     * One copy per member, with the member's own envelope sender ({@code team-owner+<token>@}, so a bounce names its
     * member) and own one-click unsubscribe link. Costs one queued message and one SMTP transaction per member.
     */
    PERSONAL,
    /**
     * Members sorted by domain and cut into copies of {@code recipientsPerMessage}, sent from {@code team-owner@} with
     * the generic {@code mailto:} unsubscribe: one queued message and one transaction per domain of each batch.
     */
    BATCHED
}
