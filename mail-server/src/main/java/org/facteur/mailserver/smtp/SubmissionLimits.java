package org.facteur.mailserver.smtp;

/**
 * What one logged-in sender may submit on the submission ports (587/465, and the webmail): {@code messagesPerHour}
 * transactions per address in a fixed one-hour window from the first ({@code FACTEUR_SUBMISSION_MESSAGES_PER_HOUR}),
 * and {@code recipientsPerMessage} recipients per message ({@code FACTEUR_SUBMISSION_RECIPIENTS_PER_MESSAGE}). They
 * bound what a stolen password can send before someone notices; mail to many people goes through a list.
 */
public record SubmissionLimits(int messagesPerHour, int recipientsPerMessage) {
    public static final SubmissionLimits DEFAULTS = new SubmissionLimits(200, 100);

    public SubmissionLimits {
        if (messagesPerHour < 1 || recipientsPerMessage < 1) {
            throw new IllegalArgumentException("submission limits must be at least 1 message per hour and 1 recipient per message");
        }
    }
}
