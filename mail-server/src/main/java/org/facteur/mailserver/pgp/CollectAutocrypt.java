package org.facteur.mailserver.pgp;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.facteur.mailserver.mime.MimeBridge;
import org.facteur.pgp.autocrypt.IncomingMessage;
import org.facteur.pgp.autocrypt.PeerState;
import org.facteur.pgp.autocrypt.PeerStateUpdate;
import org.facteur.pgp.store.UserKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Autocrypt Level 1 for received mail: updates each local recipient's state for the sender (key, preference,
 * last seen) from the message's Autocrypt header, with the Level 1 rules (only a newer Date; nothing from mailing
 * lists or delivery reports). Only for recipients who turned Autocrypt on. Never changes or stops the mail.
 */
public final class CollectAutocrypt extends GenericMailet {
    private static final Logger LOG = LoggerFactory.getLogger(CollectAutocrypt.class);

    private final UserKeyStore keys;
    private final Clock clock;

    @Inject
    public CollectAutocrypt(UserKeyStore keys) {
        this(keys, Clock.systemUTC());
    }

    CollectAutocrypt(UserKeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public void service(Mail mail) {
        IncomingMessage incoming = null;
        for (MailAddress recipient : mail.getRecipients()) {
            if (!getMailetContext().isLocalServer(recipient.getDomain()) || !PgpUsers.settings(keys, recipient).autocrypt()) {
                continue;
            }
            try {
                if (incoming == null) {
                    incoming = IncomingMessage.of(MimeBridge.toJakarta(mail.getMessage()), clock);
                }
                String user = recipient.asString();
                if (incoming.from().equalsIgnoreCase(user)) {
                    continue;
                }
                Optional<PeerState> current = keys.peer(user, incoming.from());
                Optional<PeerState> updated = PeerStateUpdate.apply(current, incoming);
                if (updated.isPresent() && !updated.equals(current)) {
                    keys.savePeer(user, updated.get());
                }
            } catch (MessagingException | jakarta.mail.MessagingException | IOException | RuntimeException e) {
                // a message Autocrypt cannot read (no single From, bad header) teaches nothing; it is still delivered
                LOG.debug("No Autocrypt update for {} from mail {}: {}", recipient.asString(), mail.getName(), e.getMessage());
                return;
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "Facteur Autocrypt peer state from received mail";
    }
}
