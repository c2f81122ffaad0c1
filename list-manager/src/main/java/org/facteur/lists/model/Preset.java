package org.facteur.lists.model;

/** Ready-made lists, in the spirit of Sympa's list families: four presets instead of a policy language. */
public enum Preset {
    /** Members talk to each other; others are moderated; anyone may join after confirming. */
    DISCUSSION(new Policies(SubscribePolicy.CONFIRM, UnsubscribePolicy.OPEN, SendPolicy.MEMBERS_OTHERS_MODERATED, ReviewPolicy.MEMBERS),
            ReplyToPolicy.LIST),
    /** Every post is approved by a moderator; joining needs confirmation and an owner's approval. */
    MODERATED(new Policies(SubscribePolicy.CONFIRM_THEN_OWNER, UnsubscribePolicy.OPEN, SendPolicy.MODERATED, ReviewPolicy.OWNERS),
            ReplyToPolicy.SENDER),
    /** Owners and moderators publish; readers join with a confirmation and cannot post. */
    NEWSLETTER(new Policies(SubscribePolicy.CONFIRM, UnsubscribePolicy.OPEN, SendPolicy.NEWSLETTER, ReviewPolicy.OWNERS),
            ReplyToPolicy.SENDER),
    /** A closed group: owners add members, only members post and see each other. */
    PRIVATE_WORKING_GROUP(new Policies(SubscribePolicy.OWNER, UnsubscribePolicy.OPEN, SendPolicy.MEMBERS, ReviewPolicy.MEMBERS),
            ReplyToPolicy.LIST);

    private final Policies policies;
    private final ReplyToPolicy replyTo;

    Preset(Policies policies, ReplyToPolicy replyTo) {
        this.policies = policies;
        this.replyTo = replyTo;
    }

    public Policies policies() {
        return policies;
    }

    public ReplyToPolicy replyTo() {
        return replyTo;
    }

    /** Accepts {@code discussion}, {@code private-working-group}, {@code PRIVATE_WORKING_GROUP}... */
    public static Preset parse(String name) {
        String normalized = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (Preset preset : values()) {
            if (preset.name().equals(normalized)) {
                return preset;
            }
        }
        throw new IllegalArgumentException("Unknown preset '" + name + "'; choose one of discussion, moderated, newsletter, private-working-group.");
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
