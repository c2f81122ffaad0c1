package org.facteur.mailserver.store.quota;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaLimitValue;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.mailbox.model.Quota;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/**
 * Quota limits (messages and storage) per user, per domain and globally, in the {@code quota_limit} table of the
 * mailbox schema; the most specific one applies. Every delivery asks for a user's limits: all six come back in one
 * indexed query, so there is no cache to keep coherent between nodes.
 */
public final class SqlMaxQuotaManager implements MaxQuotaManager {
    private static final String COUNT = "count";
    private static final String SIZE = "size";
    private static final String GLOBAL = "global";
    private static final String DOMAIN = "domain";
    private static final String USER = "user";

    private final Database database;

    @Inject
    public SqlMaxQuotaManager(Database database) {
        this.database = database;
    }

    private record Limit(String scope, String resource, Long value) {
    }

    // --- user (quota root)

    @Override
    public void setMaxStorage(QuotaRoot quotaRoot, QuotaSizeLimit limit) {
        set(USER, quotaRoot.getValue(), SIZE, limit);
    }

    @Override
    public Publisher<Void> setMaxStorageReactive(QuotaRoot quotaRoot, QuotaSizeLimit limit) {
        return later(() -> setMaxStorage(quotaRoot, limit));
    }

    @Override
    public void setMaxMessage(QuotaRoot quotaRoot, QuotaCountLimit limit) {
        set(USER, quotaRoot.getValue(), COUNT, limit);
    }

    @Override
    public Publisher<Void> setMaxMessageReactive(QuotaRoot quotaRoot, QuotaCountLimit limit) {
        return later(() -> setMaxMessage(quotaRoot, limit));
    }

    @Override
    public void removeMaxMessage(QuotaRoot quotaRoot) {
        remove(USER, quotaRoot.getValue(), COUNT);
    }

    @Override
    public Publisher<Void> removeMaxMessageReactive(QuotaRoot quotaRoot) {
        return later(() -> removeMaxMessage(quotaRoot));
    }

    @Override
    public void removeMaxStorage(QuotaRoot quotaRoot) {
        remove(USER, quotaRoot.getValue(), SIZE);
    }

    @Override
    public Publisher<Void> removeMaxStorageReactive(QuotaRoot quotaRoot) {
        return later(() -> removeMaxStorage(quotaRoot));
    }

    // --- global

    @Override
    public void setGlobalMaxStorage(QuotaSizeLimit limit) {
        set(GLOBAL, "", SIZE, limit);
    }

    @Override
    public Publisher<Void> setGlobalMaxStorageReactive(QuotaSizeLimit limit) {
        return later(() -> setGlobalMaxStorage(limit));
    }

    @Override
    public void removeGlobalMaxStorage() {
        remove(GLOBAL, "", SIZE);
    }

    @Override
    public Publisher<Void> removeGlobalMaxStorageReactive() {
        return later(this::removeGlobalMaxStorage);
    }

    @Override
    public void setGlobalMaxMessage(QuotaCountLimit limit) {
        set(GLOBAL, "", COUNT, limit);
    }

    @Override
    public Publisher<Void> setGlobalMaxMessageReactive(QuotaCountLimit limit) {
        return later(() -> setGlobalMaxMessage(limit));
    }

    @Override
    public void removeGlobalMaxMessage() {
        remove(GLOBAL, "", COUNT);
    }

    @Override
    public Publisher<Void> removeGlobalMaxMessageReactive() {
        return later(this::removeGlobalMaxMessage);
    }

    @Override
    public Optional<QuotaSizeLimit> getGlobalMaxStorage() {
        return get(GLOBAL, "", SIZE, SqlMaxQuotaManager::size);
    }

    @Override
    public Publisher<QuotaSizeLimit> getGlobalMaxStorageReactive() {
        return Mono.fromCallable(this::getGlobalMaxStorage).flatMap(Mono::justOrEmpty);
    }

    @Override
    public Optional<QuotaCountLimit> getGlobalMaxMessage() {
        return get(GLOBAL, "", COUNT, SqlMaxQuotaManager::count);
    }

    @Override
    public Publisher<QuotaCountLimit> getGlobalMaxMessageReactive() {
        return Mono.fromCallable(this::getGlobalMaxMessage).flatMap(Mono::justOrEmpty);
    }

    // --- domain

    @Override
    public Optional<QuotaCountLimit> getDomainMaxMessage(Domain domain) {
        return get(DOMAIN, domain.asString(), COUNT, SqlMaxQuotaManager::count);
    }

    @Override
    public Publisher<QuotaCountLimit> getDomainMaxMessageReactive(Domain domain) {
        return Mono.fromCallable(() -> getDomainMaxMessage(domain)).flatMap(Mono::justOrEmpty);
    }

    @Override
    public void setDomainMaxMessage(Domain domain, QuotaCountLimit count) {
        set(DOMAIN, domain.asString(), COUNT, count);
    }

    @Override
    public Publisher<Void> setDomainMaxMessageReactive(Domain domain, QuotaCountLimit count) {
        return later(() -> setDomainMaxMessage(domain, count));
    }

    @Override
    public void removeDomainMaxMessage(Domain domain) {
        remove(DOMAIN, domain.asString(), COUNT);
    }

    @Override
    public Publisher<Void> removeDomainMaxMessageReactive(Domain domain) {
        return later(() -> removeDomainMaxMessage(domain));
    }

    @Override
    public void setDomainMaxStorage(Domain domain, QuotaSizeLimit size) {
        set(DOMAIN, domain.asString(), SIZE, size);
    }

    @Override
    public Publisher<Void> setDomainMaxStorageReactive(Domain domain, QuotaSizeLimit size) {
        return later(() -> setDomainMaxStorage(domain, size));
    }

    @Override
    public Optional<QuotaSizeLimit> getDomainMaxStorage(Domain domain) {
        return get(DOMAIN, domain.asString(), SIZE, SqlMaxQuotaManager::size);
    }

    @Override
    public Publisher<QuotaSizeLimit> getDomainMaxStorageReactive(Domain domain) {
        return Mono.fromCallable(() -> getDomainMaxStorage(domain)).flatMap(Mono::justOrEmpty);
    }

    @Override
    public void removeDomainMaxStorage(Domain domain) {
        remove(DOMAIN, domain.asString(), SIZE);
    }

    @Override
    public Publisher<Void> removeDomainMaxStorageReactive(Domain domain) {
        return later(() -> removeDomainMaxStorage(domain));
    }

    // --- what applies to a quota root

    @Override
    public Map<Quota.Scope, QuotaCountLimit> listMaxMessagesDetails(QuotaRoot quotaRoot) {
        return details(quotaRoot).getMaxMessageDetails();
    }

    @Override
    public Map<Quota.Scope, QuotaSizeLimit> listMaxStorageDetails(QuotaRoot quotaRoot) {
        return details(quotaRoot).getMaxStorageDetails();
    }

    @Override
    public QuotaDetails quotaDetails(QuotaRoot quotaRoot) {
        return details(quotaRoot);
    }

    @Override
    public Publisher<QuotaDetails> quotaDetailsReactive(QuotaRoot quotaRoot) {
        return Mono.fromCallable(() -> details(quotaRoot));
    }

    /** The user's, the domain's and the global limits, in one query. */
    private QuotaDetails details(QuotaRoot quotaRoot) {
        String domain = quotaRoot.getDomain().map(Domain::asString).orElse(null);
        List<Limit> limits = database.read(c -> Jdbc.list(c, "SELECT scope, resource, value FROM quota_limit "
                        + "WHERE (scope = 'global' AND target = '') OR (scope = 'domain' AND target = ?) OR (scope = 'user' AND target = ?)",
                rs -> new Limit(rs.getString(1), rs.getString(2), Jdbc.nullableLong(rs, "value")),
                domain == null ? "" : domain, quotaRoot.getValue()));
        Map<Quota.Scope, QuotaCountLimit> counts = new EnumMap<>(Quota.Scope.class);
        Map<Quota.Scope, QuotaSizeLimit> sizes = new EnumMap<>(Quota.Scope.class);
        for (Limit limit : limits) {
            if (DOMAIN.equals(limit.scope()) && domain == null) {
                continue;
            }
            Quota.Scope scope = switch (limit.scope()) {
                case GLOBAL -> Quota.Scope.Global;
                case DOMAIN -> Quota.Scope.Domain;
                default -> Quota.Scope.User;
            };
            if (COUNT.equals(limit.resource())) {
                counts.put(scope, count(limit.value()));
            } else {
                sizes.put(scope, size(limit.value()));
            }
        }
        return new QuotaDetails(counts, sizes);
    }

    private void set(String scope, String target, String resource, QuotaLimitValue<?> limit) {
        Long value = limit.isUnlimited() ? null : limit.asLong();
        database.inTransaction(c -> Jdbc.update(c, "INSERT INTO quota_limit (scope, target, resource, value) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (scope, target, resource) DO UPDATE SET value = excluded.value", scope, target, resource, value));
    }

    private void remove(String scope, String target, String resource) {
        database.inTransaction(c -> Jdbc.update(c, "DELETE FROM quota_limit WHERE scope = ? AND target = ? AND resource = ?",
                scope, target, resource));
    }

    /** The limit stored for this scope, target and resource; a stored NULL is "unlimited". */
    private <T> Optional<T> get(String scope, String target, String resource, Function<Long, T> limit) {
        return database.read(c -> Jdbc.one(c, "SELECT value FROM quota_limit WHERE scope = ? AND target = ? AND resource = ?",
                        rs -> new Long[] {Jdbc.nullableLong(rs, "value")}, scope, target, resource))
                .map(row -> limit.apply(row[0]));
    }

    private static QuotaCountLimit count(Long value) {
        return value == null ? QuotaCountLimit.unlimited() : QuotaCountLimit.count(value);
    }

    private static QuotaSizeLimit size(Long value) {
        return value == null ? QuotaSizeLimit.unlimited() : QuotaSizeLimit.size(value);
    }

    private static Mono<Void> later(Runnable action) {
        return Mono.fromRunnable(action);
    }

}
