package org.facteur.mailserver.store;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Domain;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.mailbox.jpa.quota.JPAPerUserMaxQuotaDAO;
import org.apache.james.mailbox.jpa.quota.JPAPerUserMaxQuotaManager;
import org.apache.james.mailbox.model.QuotaRoot;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/**
 * Quota limits are read on every RCPT and every delivery (six JPA queries each: user, domain and
 * global, for size and count) but change only when an administrator sets them. This keeps them for a
 * few seconds and forgets everything on any change made through this server.
 */
public final class CachingMaxQuotaManager extends JPAPerUserMaxQuotaManager {
    private static final long TTL_NANOS = Duration.ofSeconds(5).toNanos();

    private record Entry(QuotaDetails details, long loadedAt) {
    }

    private final ConcurrentHashMap<QuotaRoot, Entry> cache = new ConcurrentHashMap<>();

    @Inject
    public CachingMaxQuotaManager(EntityManagerFactory entityManagerFactory, JPAPerUserMaxQuotaDAO dao) {
        super(entityManagerFactory, dao);
    }

    @Override
    public QuotaDetails quotaDetails(QuotaRoot quotaRoot) {
        Entry e = cache.get(quotaRoot);
        if (e != null && System.nanoTime() - e.loadedAt() < TTL_NANOS) {
            return e.details();
        }
        QuotaDetails fresh = super.quotaDetails(quotaRoot);
        cache.put(quotaRoot, new Entry(fresh, System.nanoTime()));
        return fresh;
    }

    @Override
    public Publisher<QuotaDetails> quotaDetailsReactive(QuotaRoot quotaRoot) {
        Entry e = cache.get(quotaRoot);
        if (e != null && System.nanoTime() - e.loadedAt() < TTL_NANOS) {
            return Mono.just(e.details());
        }
        return Mono.from(super.quotaDetailsReactive(quotaRoot))
                .doOnNext(d -> cache.put(quotaRoot, new Entry(d, System.nanoTime())));
    }

    private <T> Publisher<T> thenForget(Publisher<T> change) {
        return Mono.from(change).doFinally(signal -> cache.clear());
    }

    @Override
    public void setMaxStorage(QuotaRoot quotaRoot, QuotaSizeLimit limit) {
        super.setMaxStorage(quotaRoot, limit);
        cache.clear();
    }

    @Override
    public Publisher<Void> setMaxStorageReactive(QuotaRoot quotaRoot, QuotaSizeLimit limit) {
        return thenForget(super.setMaxStorageReactive(quotaRoot, limit));
    }

    @Override
    public void setMaxMessage(QuotaRoot quotaRoot, QuotaCountLimit limit) {
        super.setMaxMessage(quotaRoot, limit);
        cache.clear();
    }

    @Override
    public Publisher<Void> setMaxMessageReactive(QuotaRoot quotaRoot, QuotaCountLimit limit) {
        return thenForget(super.setMaxMessageReactive(quotaRoot, limit));
    }

    @Override
    public void removeMaxStorage(QuotaRoot quotaRoot) {
        super.removeMaxStorage(quotaRoot);
        cache.clear();
    }

    @Override
    public Publisher<Void> removeMaxStorageReactive(QuotaRoot quotaRoot) {
        return thenForget(super.removeMaxStorageReactive(quotaRoot));
    }

    @Override
    public void removeMaxMessage(QuotaRoot quotaRoot) {
        super.removeMaxMessage(quotaRoot);
        cache.clear();
    }

    @Override
    public Publisher<Void> removeMaxMessageReactive(QuotaRoot quotaRoot) {
        return thenForget(super.removeMaxMessageReactive(quotaRoot));
    }

    @Override
    public void setDomainMaxMessage(Domain domain, QuotaCountLimit count) {
        super.setDomainMaxMessage(domain, count);
        cache.clear();
    }

    @Override
    public Publisher<Void> setDomainMaxMessageReactive(Domain domain, QuotaCountLimit count) {
        return thenForget(super.setDomainMaxMessageReactive(domain, count));
    }

    @Override
    public void setDomainMaxStorage(Domain domain, QuotaSizeLimit size) {
        super.setDomainMaxStorage(domain, size);
        cache.clear();
    }

    @Override
    public Publisher<Void> setDomainMaxStorageReactive(Domain domain, QuotaSizeLimit size) {
        return thenForget(super.setDomainMaxStorageReactive(domain, size));
    }

    @Override
    public void removeDomainMaxMessage(Domain domain) {
        super.removeDomainMaxMessage(domain);
        cache.clear();
    }

    @Override
    public Publisher<Void> removeDomainMaxMessageReactive(Domain domain) {
        return thenForget(super.removeDomainMaxMessageReactive(domain));
    }

    @Override
    public void removeDomainMaxStorage(Domain domain) {
        super.removeDomainMaxStorage(domain);
        cache.clear();
    }

    @Override
    public Publisher<Void> removeDomainMaxStorageReactive(Domain domain) {
        return thenForget(super.removeDomainMaxStorageReactive(domain));
    }

    @Override
    public void setGlobalMaxStorage(QuotaSizeLimit limit) {
        super.setGlobalMaxStorage(limit);
        cache.clear();
    }

    @Override
    public Publisher<Void> setGlobalMaxStorageReactive(QuotaSizeLimit limit) {
        return thenForget(super.setGlobalMaxStorageReactive(limit));
    }

    @Override
    public void setGlobalMaxMessage(QuotaCountLimit limit) {
        super.setGlobalMaxMessage(limit);
        cache.clear();
    }

    @Override
    public Publisher<Void> setGlobalMaxMessageReactive(QuotaCountLimit limit) {
        return thenForget(super.setGlobalMaxMessageReactive(limit));
    }

    @Override
    public void removeGlobalMaxStorage() {
        super.removeGlobalMaxStorage();
        cache.clear();
    }

    @Override
    public Publisher<Void> removeGlobalMaxStorageReactive() {
        return thenForget(super.removeGlobalMaxStorageReactive());
    }

    @Override
    public void removeGlobalMaxMessage() {
        super.removeGlobalMaxMessage();
        cache.clear();
    }

    @Override
    public Publisher<Void> removeGlobalMaxMessageReactive() {
        return thenForget(super.removeGlobalMaxMessageReactive());
    }
}
