package org.facteur.lists;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.facteur.lists.digest.DigestSettings;
import org.facteur.lists.bounce.BounceSettings;

/**
 * Settings of the list manager as a whole (each list has its own too).
 *
 * @param robotLocalPart the command robot's local part: {@code lists} makes {@code lists@<domain>}
 * @param defaultLanguage language of robot replies that concern no particular list
 * @param confirmationTtl how long a confirmation or approval key stays valid
 * @param heldPostTtl how long a held post waits for a moderator before it expires
 * @param directoryRefresh how often the in-memory list directory re-reads the store (other nodes' changes)
 * @param recipientsPerMessage how many members share one copy (one SMTP transaction); receivers often accept
 *        no more than 100 recipients per transaction (RFC 5321 requires at least 100)
 * @param robotLimits how much the command robot may send per message and per address
 * @param publicUrl base URL of the public web side ({@code https://mail.example.org}): personal copies carry
 *        {@code <publicUrl>/lists/u/<token>} as their one-click unsubscribe link, and copies of lists that archive
 *        {@code List-Archive} and {@code Archived-At} under {@code <publicUrl>/lists/archive/}; empty: no such links
 * @param digests when digests go (a daily time, a number of waiting posts)
 * @param bounces the bounce score's threshold and staleness, and when suspended members are probed
 */
public record ListSettings(String robotLocalPart, Locale defaultLanguage, Duration confirmationTtl, Duration heldPostTtl,
        Duration directoryRefresh, int recipientsPerMessage, RobotLimits robotLimits, Optional<URI> publicUrl,
        DigestSettings digests, BounceSettings bounces) {

    /** With the default digest times and the default bounce handling. */
    public ListSettings(String robotLocalPart, Locale defaultLanguage, Duration confirmationTtl, Duration heldPostTtl,
            Duration directoryRefresh, int recipientsPerMessage, RobotLimits robotLimits, Optional<URI> publicUrl) {
        this(robotLocalPart, defaultLanguage, confirmationTtl, heldPostTtl, directoryRefresh, recipientsPerMessage, robotLimits,
                publicUrl, DigestSettings.DEFAULTS, BounceSettings.DEFAULTS);
    }

    /** With the default bounce handling (Mailman 3's score, a probe a week after a suspension). */
    public ListSettings(String robotLocalPart, Locale defaultLanguage, Duration confirmationTtl, Duration heldPostTtl,
            Duration directoryRefresh, int recipientsPerMessage, RobotLimits robotLimits, Optional<URI> publicUrl,
            DigestSettings digests) {
        this(robotLocalPart, defaultLanguage, confirmationTtl, heldPostTtl, directoryRefresh, recipientsPerMessage, robotLimits,
                publicUrl, digests, BounceSettings.DEFAULTS);
    }

    /** With the default digest times ({@link DigestSettings#DEFAULTS}). */
    public ListSettings(String robotLocalPart, Locale defaultLanguage, Duration confirmationTtl, Duration heldPostTtl,
            Duration directoryRefresh, int recipientsPerMessage, RobotLimits robotLimits, Optional<URI> publicUrl,
            BounceSettings bounces) {
        this(robotLocalPart, defaultLanguage, confirmationTtl, heldPostTtl, directoryRefresh, recipientsPerMessage, robotLimits,
                publicUrl, DigestSettings.DEFAULTS, bounces);
    }

    /** Without a public web side: no one-click unsubscribe links. */
    public ListSettings(String robotLocalPart, Locale defaultLanguage, Duration confirmationTtl, Duration heldPostTtl,
            Duration directoryRefresh, int recipientsPerMessage, RobotLimits robotLimits) {
        this(robotLocalPart, defaultLanguage, confirmationTtl, heldPostTtl, directoryRefresh, recipientsPerMessage, robotLimits,
                Optional.empty());
    }

    /** With the default robot limits. */
    public ListSettings(String robotLocalPart, Locale defaultLanguage, Duration confirmationTtl, Duration heldPostTtl,
            Duration directoryRefresh, int recipientsPerMessage) {
        this(robotLocalPart, defaultLanguage, confirmationTtl, heldPostTtl, directoryRefresh, recipientsPerMessage,
                RobotLimits.DEFAULTS);
    }

    public ListSettings {
        if (recipientsPerMessage < 1) {
            throw new IllegalArgumentException("recipientsPerMessage must be at least 1");
        }
        Objects.requireNonNull(robotLocalPart, "robotLocalPart");
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        Objects.requireNonNull(confirmationTtl, "confirmationTtl");
        Objects.requireNonNull(heldPostTtl, "heldPostTtl");
        Objects.requireNonNull(directoryRefresh, "directoryRefresh");
        Objects.requireNonNull(robotLimits, "robotLimits");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(digests, "digests");
        Objects.requireNonNull(bounces, "bounces");
    }
}
