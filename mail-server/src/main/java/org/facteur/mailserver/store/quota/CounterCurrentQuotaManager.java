package org.facteur.mailserver.store.quota;

import javax.inject.Inject;

import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.CurrentQuotaManager;
import org.apache.james.mailbox.store.quota.DefaultUserQuotaRootResolver;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/**
 * Current quota usage derived from the counters kept in the mailbox rows: the sum of messages and sizes over the
 * quota root's mailboxes ({@code <namespace>&<user>}, as James's {@link DefaultUserQuotaRootResolver} names them).
 * It is exact by construction (the counters change in the same transaction as the messages) and costs a delivery no
 * extra write. The increase, decrease and reset operations James's listeners would call are therefore no-ops: there
 * is no separate usage to maintain.
 */
public final class CounterCurrentQuotaManager implements CurrentQuotaManager {
    private final Database database;

    @Inject
    public CounterCurrentQuotaManager(Database database) {
        this.database = database;
    }

    @Override
    public Publisher<QuotaCountUsage> getCurrentMessageCount(QuotaRoot quotaRoot) {
        return Mono.from(getCurrentQuotas(quotaRoot)).map(CurrentQuotas::count);
    }

    @Override
    public Publisher<QuotaSizeUsage> getCurrentStorage(QuotaRoot quotaRoot) {
        return Mono.from(getCurrentQuotas(quotaRoot)).map(CurrentQuotas::size);
    }

    @Override
    public Publisher<CurrentQuotas> getCurrentQuotas(QuotaRoot quotaRoot) {
        return Mono.fromCallable(() -> usage(quotaRoot));
    }

    /** The usage of a quota root, now. */
    public CurrentQuotas usage(QuotaRoot quotaRoot) {
        String root = quotaRoot.getValue();
        int separator = root.indexOf(DefaultUserQuotaRootResolver.SEPARATOR);
        if (separator < 0) {
            return CurrentQuotas.emptyQuotas();
        }
        String namespace = root.substring(0, separator);
        String user = root.substring(separator + 1);
        return database.read(c -> Jdbc.one(c, "SELECT COALESCE(SUM(messages), 0), COALESCE(SUM(size), 0) FROM mailbox "
                        + "WHERE namespace = ? AND user_name = ?",
                rs -> new CurrentQuotas(QuotaCountUsage.count(rs.getLong(1)), QuotaSizeUsage.size(rs.getLong(2))), namespace, user))
                .orElse(CurrentQuotas.emptyQuotas());
    }

    @Override
    public Publisher<Void> increase(QuotaOperation quotaOperation) {
        return Mono.empty();
    }

    @Override
    public Publisher<Void> decrease(QuotaOperation quotaOperation) {
        return Mono.empty();
    }

    @Override
    public Publisher<Void> setCurrentQuotas(QuotaOperation quotaOperation) {
        return Mono.empty();
    }
}
