package org.facteur.mailserver.imap;

import java.util.Collection;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.FlagsResponse;
import org.apache.james.mailbox.model.MailboxId;

/**
 * A responder that sends an untagged {@code FLAGS} before a {@code FETCH (FLAGS …)} carrying a keyword that no
 * {@code FLAGS} sent to this client has listed (RFC 3501 §7.2.6, RFC 9051 §7.3.5: FLAGS names the flags applicable
 * to the mailbox; Dovecot sends it first; imaptest reports "Keyword used without being in FLAGS"). James 3.8.1 sends
 * the {@code FLAGS} for a keyword another session set with a command's other unsolicited responses, after that
 * command's FETCH data, and reads the flags from the store, which may hold the keyword before the session has applied
 * the other session's event. What was last listed is kept in the session; the list sent is that, the mailbox's
 * applicable flags and the new keywords. A later {@code FLAGS} of James's for the same mailbox keeps every keyword
 * listed before (keywords of a mailbox are never dropped, as in Dovecot): James builds it from the keywords of the
 * flag changes its session view has seen, which miss those of messages another session appended, and imaptest
 * reported "Keyword '$Label4' dropped, but it still had 2 references". A SELECT of another mailbox starts afresh.
 * A {@code PERMANENTFLAGS} naming a keyword not listed yet is preceded by a {@code FLAGS} too: James reads the
 * session's keywords again for it, after a delivery's event may have added one ("Keyword in PERMANENTFLAGS not
 * introduced with FLAGS").
 */
final class KeywordsListedFirst implements Responder {
    private static final String LISTED = KeywordsListedFirst.class.getName() + ".listed";
    private static final String PERMANENTFLAGS = "PERMANENTFLAGS";

    private final Responder responder;
    private final ImapSession session;

    KeywordsListedFirst(Responder responder, ImapSession session) {
        this.responder = responder;
        this.session = session;
    }

    @Override
    public void respond(ImapResponseMessage message) {
        if (message instanceof FlagsResponse flags) {
            Flags all = listed().keptWith(flags.getFlags(), selectedMailbox());
            responder.respond(all.equals(flags.getFlags()) ? message : new FlagsResponse(all));
            return;
        }
        if (message instanceof FetchResponse fetch && fetch.getFlags() != null
                && fetch.getFlags().getUserFlags().length > 0) {
            listed().unlisted(fetch.getFlags(), session.getSelected())
                    .ifPresent(list -> responder.respond(new FlagsResponse(list)));
        } else if (message instanceof StatusResponse status && status.getResponseCode() != null
                && PERMANENTFLAGS.equals(status.getResponseCode().getCode())) {
            listed().unlisted(keywordsIn(status.getResponseCode().getParameters()), session.getSelected())
                    .ifPresent(list -> responder.respond(new FlagsResponse(list)));
        }
        responder.respond(message);
    }

    @Override
    public void flush() {
        responder.flush();
    }

    private static Flags keywordsIn(Collection<String> names) {
        Flags keywords = new Flags();
        names.stream().filter(name -> !name.startsWith("\\")).forEach(keywords::add);
        return keywords;
    }

    private MailboxId selectedMailbox() {
        SelectedMailbox selected = session.getSelected();
        return selected == null ? null : selected.getMailboxId();
    }

    private Listed listed() {
        synchronized (session) {
            Object listed = session.getAttribute(LISTED);
            if (listed instanceof Listed known) {
                return known;
            }
            Listed created = new Listed();
            session.setAttribute(LISTED, created);
            return created;
        }
    }

    /** The flags the FLAGS sent to this client for its selected mailbox listed. */
    private static final class Listed {
        private Flags flags = new Flags();
        private MailboxId mailbox;

        /** What a FLAGS James sends for {@code selected} lists: {@code sent} and, for the same mailbox, what was listed. */
        synchronized Flags keptWith(Flags sent, MailboxId selected) {
            if (selected == null || !selected.equals(mailbox)) {
                flags = new Flags();
                mailbox = selected;
            }
            flags.add(sent);
            return new Flags(flags);
        }

        /** The FLAGS to send first when {@code carried} has a keyword not listed yet; then taken as listed. */
        synchronized Optional<Flags> unlisted(Flags carried, SelectedMailbox selected) {
            if (flags.contains(new Flags(userFlagsOf(carried)))) {
                return Optional.empty();
            }
            Flags list = new Flags(flags);
            if (selected != null) {
                list.add(selected.getApplicableFlags());
            }
            list.add(new Flags(userFlagsOf(carried)));
            flags = list;
            return Optional.of(new Flags(list));
        }

        private static Flags userFlagsOf(Flags carried) {
            Flags keywords = new Flags();
            for (String keyword : carried.getUserFlags()) {
                keywords.add(keyword);
            }
            return keywords;
        }
    }
}
