package org.facteur.mailserver.store.mailbox;

import javax.inject.Inject;

import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;

import reactor.core.publisher.Mono;

/** Mod-seqs from the mailbox row ({@code highest_modseq}); see {@link SqlUidProvider} for who asks. */
public final class SqlModSeqProvider implements ModSeqProvider {
    private final Database database;

    @Inject
    public SqlModSeqProvider(Database database) {
        this.database = database;
    }

    @Override
    public ModSeq nextModSeq(Mailbox mailbox) throws MailboxException {
        return nextModSeq(mailbox.getMailboxId());
    }

    @Override
    public ModSeq nextModSeq(MailboxId mailboxId) throws MailboxException {
        return MailboxStorage.write(database, c -> Jdbc.one(c,
                        "UPDATE mailbox SET highest_modseq = highest_modseq + 1 WHERE id = ? RETURNING highest_modseq",
                        rs -> ModSeq.of(rs.getLong(1)), SqlMailboxId.raw(mailboxId)))
                .orElseThrow(() -> new MailboxNotFoundException(mailboxId));
    }

    @Override
    public ModSeq highestModSeq(Mailbox mailbox) throws MailboxException {
        return highest(database, SqlMailboxId.raw(mailbox.getMailboxId()));
    }

    @Override
    public ModSeq highestModSeq(MailboxId mailboxId) throws MailboxException {
        return highest(database, SqlMailboxId.raw(mailboxId));
    }

    /** On the caller's thread: a one-row read (see {@link SqlMessageMapper}'s reads). */
    @Override
    public Mono<ModSeq> highestModSeqReactive(Mailbox mailbox) {
        return Mono.fromCallable(() -> highestModSeq(mailbox));
    }

    static ModSeq highest(Database database, long mailboxId) throws MailboxException {
        return MailboxStorage.read(database, c -> Jdbc.one(c, "SELECT highest_modseq FROM mailbox WHERE id = ?",
                        rs -> ModSeq.of(rs.getLong(1)), mailboxId))
                .orElse(ModSeq.first());
    }
}
