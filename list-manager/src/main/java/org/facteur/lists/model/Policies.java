package org.facteur.lists.model;

import java.util.Objects;

/** The four policies that make a list what it is. */
public record Policies(SubscribePolicy subscribe, UnsubscribePolicy unsubscribe, SendPolicy send, ReviewPolicy review) {
    public Policies {
        Objects.requireNonNull(subscribe, "subscribe");
        Objects.requireNonNull(unsubscribe, "unsubscribe");
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(review, "review");
    }

    public Policies withSubscribe(SubscribePolicy value) {
        return new Policies(value, unsubscribe, send, review);
    }

    public Policies withUnsubscribe(UnsubscribePolicy value) {
        return new Policies(subscribe, value, send, review);
    }

    public Policies withSend(SendPolicy value) {
        return new Policies(subscribe, unsubscribe, value, review);
    }

    public Policies withReview(ReviewPolicy value) {
        return new Policies(subscribe, unsubscribe, send, value);
    }
}
