package org.facteur.mailserver.spam;

import java.util.Optional;

/** Rspamd when {@code FACTEUR_RSPAMD_URL} is set; empty: no spam filter, mail is delivered as it comes. */
public record SpamChecking(Optional<Rspamd> rspamd) {
}
