package org.facteur.mailserver.search;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.mail.Flags;

import org.apache.james.events.Event;
import org.apache.james.events.Group;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.search.ListeningMessageSearchIndex;
import org.apache.lucene.search.Query;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * IMAP SEARCH and SORT for James, on Facteur's own Lucene index. A search reads the mailbox's metadata from the
 * store (UIDs, flags, mod-seqs, sizes, dates: always current), lets the index's trigrams pick the candidates for
 * its string keys, and checks every candidate exactly ({@link SearchCriteria}). A message the index does not have yet
 * (just delivered, or lost in a crash) is read from the store instead, so results never depend on the index being
 * up to date; indexing itself runs in the background ({@link SearchIndexer}).
 */
public final class FacteurSearchIndex extends ListeningMessageSearchIndex {
    /** How long a search waits for the indexing of its mailbox before it reads the rest from the store. */
    private static final long CATCH_UP_MS = 2_000;

    public static final class FacteurSearchIndexGroup extends Group implements org.facteur.mailserver.events.OnEveryNode {
    }

    private static final Group GROUP = new FacteurSearchIndexGroup();

    private final MailboxSessionMapperFactory store;
    private final SessionProvider sessions;
    private final MessageIndex index;
    private final SearchIndexer indexer;
    private final ZoneId zone = ZoneId.systemDefault();
    private final FactsCache recentFacts = new FactsCache(FactsCache.MAX_MESSAGES);

    FacteurSearchIndex(MailboxSessionMapperFactory store, SessionProvider sessions, MessageIndex index) {
        this(store, sessions, index, true);
    }

    /**
     * {@code indexing} false: no message is indexed (search reads the text of every message it checks from the store,
     * exact but slower), for a machine short of CPU or to measure what indexing costs; the index is repaired at the
     * first start with indexing on.
     */
    FacteurSearchIndex(MailboxSessionMapperFactory store, SessionProvider sessions, MessageIndex index, boolean indexing) {
        super(store, Set.of(), sessions);
        this.store = store;
        this.sessions = sessions;
        this.index = index;
        this.indexer = new SearchIndexer(index, store, sessions, indexing);
    }

    /** Starts indexing and checks every mailbox against the index (the repair after a crash or an upgrade). */
    void start() {
        indexer.start();
        indexer.enqueue(new SearchIndexer.ReconcileAll());
    }

    void close() throws IOException {
        indexer.stop();
        index.close();
    }

    /** Waits, at most {@code timeoutMs}, until all queued indexing is done; false on timeout. For tools and tests. */
    public boolean awaitIdle(long timeoutMs) {
        return indexer.awaitIdle(timeoutMs);
    }

    /**
     * Indexes every message of {@code user}'s mailboxes again (of every mailbox when empty), in the background;
     * search stays exact meanwhile. Returns the number of mailboxes queued.
     */
    public int reindex(java.util.Optional<org.apache.james.core.Username> user) {
        MailboxSession session = sessions.createSystemSession(org.apache.james.core.Username.of("facteur-search-reindex"));
        List<Mailbox> mailboxes = store.getMailboxMapper(session).list()
                .filter(m -> user.isEmpty() || user.get().equals(m.getUser()))
                .collectList().block();
        for (Mailbox m : mailboxes) {
            indexer.enqueue(new SearchIndexer.DropMailbox(m.getMailboxId()));
            indexer.enqueue(new SearchIndexer.Reconcile(m));
        }
        return mailboxes.size();
    }

    /**
     * The messages of {@code user}'s own mailboxes that best match {@code words}, best first, at most {@code limit}
     * ("best matches", ranked by {@link BestMatchQuery}; not IMAP SEARCH, which stays exact). Only the user's personal
     * mailboxes are scored. A hit whose message is no longer in the store (expunged, not yet removed from the index)
     * is left out; a message not indexed yet is not found until it is (normally within seconds of its arrival).
     */
    public List<BestMatch> bestMatches(org.apache.james.core.Username user, String words, int limit) throws MailboxException {
        Query query = BestMatchQuery.of(words);
        if (query == null || limit <= 0) {
            return List.of();
        }
        MailboxSession session = sessions.createSystemSession(user);
        Map<String, Mailbox> mine = new HashMap<>();
        List<Mailbox> listed = store.getMailboxMapper(session)
                .findMailboxWithPathLike(MailboxQuery.privateMailboxesBuilder(session).matchesAllMailboxNames().build().asUserBound())
                .collectList().block();
        for (Mailbox m : listed == null ? List.<Mailbox>of() : listed) {
            if (user.equals(m.getUser())) { // the query is user-bound already; never another member's mailbox
                mine.put(m.getMailboxId().serialize(), m);
            }
        }
        List<MessageIndex.Ranked> ranked;
        try {
            ranked = index.rank(mine.keySet(), query, limit * 2 + 10); // room for hits expunged meanwhile
        } catch (IOException e) {
            throw new MailboxException("The search index could not be read", e);
        }
        MessageMapper mapper = store.getMessageMapper(session);
        Map<String, Map<Long, MessageFacts>> current = new HashMap<>();
        List<BestMatch> out = new ArrayList<>();
        for (MessageIndex.Ranked r : ranked) {
            Mailbox mailbox = mine.get(r.mailboxId());
            if (mailbox == null) {
                continue;
            }
            Map<Long, MessageFacts> facts = current.get(r.mailboxId());
            if (facts == null) {
                facts = new HashMap<>();
                for (MessageFacts f : facts(mapper, mailbox, mailbox.getMailboxId())) {
                    facts.put(f.uid().asLong(), f);
                }
                current.put(r.mailboxId(), facts);
            }
            MessageFacts f = facts.get(r.uid());
            if (f == null || MessageIndex.idHash(f.messageId().serialize()) != r.messageIdHash()) {
                continue; // expunged, or another message under this UID: the index has not caught up yet
            }
            out.add(new BestMatch(mailbox.getName(), r.mailboxId(), r.uid(), r.score(), r.subject(), r.from(),
                    f.internalDate() == null ? null : f.internalDate().toInstant()));
            if (out.size() == limit) {
                break;
            }
        }
        return out;
    }

    @Override
    public Group getDefaultGroup() {
        return GROUP;
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof MailboxEvents.Added || event instanceof MailboxEvents.Expunged
                || event instanceof MailboxEvents.MailboxDeletion;
    }

    @Override
    public Mono<Void> reactiveEvent(Event event) {
        if (event instanceof MailboxEvents.Added added && !added.isNoop()) {
            indexer.enqueueChange(new SearchIndexer.Add(added.getMailboxId(), List.copyOf(added.getUids())));
        } else if (event instanceof MailboxEvents.Expunged expunged && !expunged.isNoop()) {
            indexer.enqueueChange(new SearchIndexer.Remove(expunged.getMailboxId(), List.copyOf(expunged.getUids())));
        } else if (event instanceof MailboxEvents.MailboxDeletion deletion) {
            indexer.enqueueChange(new SearchIndexer.DropMailbox(deletion.getMailboxId()));
        }
        return Mono.empty();
    }

    @Override
    protected Flux<MessageUid> doSearch(MailboxSession session, Mailbox mailbox, SearchQuery query) throws MailboxException {
        return Flux.fromIterable(matching(session, mailbox, query)).map(MessageFacts::uid);
    }

    @Override
    public Flux<MessageId> search(MailboxSession session, Collection<MailboxId> mailboxIds, SearchQuery query, long limit) {
        return Flux.fromIterable(mailboxIds)
                .concatMap(id -> store.getMailboxMapper(session).findMailboxById(id))
                .concatMap(mailbox -> Mono.fromCallable(() -> matching(session, mailbox, query)).flatMapMany(Flux::fromIterable))
                .map(MessageFacts::messageId)
                .distinct()
                .take(limit);
    }

    /** The messages of {@code mailbox} that match {@code query}, in the query's order. */
    List<MessageFacts> matching(MailboxSession session, Mailbox mailbox, SearchQuery query) throws MailboxException {
        MailboxId id = mailbox.getMailboxId();
        MessageMapper mapper = store.getMessageMapper(session);
        List<MessageFacts> messages = facts(mapper, mailbox, id);
        SearchQuery.Criterion root = query.getCriteria().isEmpty() ? SearchQuery.all()
                : query.getCriteria().size() == 1 ? query.getCriteria().get(0) : SearchQuery.and(query.getCriteria());
        Query candidates = SearchCandidates.of(root);
        SearchCriteria criteria = new SearchCriteria(query.getRecentMessageUids(), zone);
        List<SearchSort.Hit> hits = new ArrayList<>();
        if (!SearchCriteria.needsText(root) && !SearchSort.needsText(query.getSorts())) {
            // Flags, UIDs, sizes, dates, ids: the store's facts answer alone; the index is not opened.
            Supplier<MessageText> none = () -> {
                throw new IllegalStateException("no text needed");
            };
            for (MessageFacts m : messages) {
                if (criteria.matches(root, m, none)) {
                    hits.add(new SearchSort.Hit(m, none));
                }
            }
            if (!SearchSort.onlyByUid(query.getSorts())) {
                hits.sort(SearchSort.comparator(query.getSorts()));
            }
            return hits.stream().map(SearchSort.Hit::message).toList();
        }
        indexer.await(id, CATCH_UP_MS); // only text needs the index: spare flag and UID searches the wait
        List<MessageUid> unindexed = new ArrayList<>();
        try (MessageIndex.View view = index.open(id.serialize())) {
            Set<Long> selected = candidates == null ? null : view.candidates(candidates);
            for (MessageFacts m : messages) {
                long uid = m.uid().asLong();
                boolean inIndex = view.holds(uid, m.messageId().serialize());
                if (!inIndex) {
                    unindexed.add(m.uid());
                }
                if (selected != null && inIndex && !selected.contains(uid)) {
                    continue;
                }
                Supplier<MessageText> text = new Once(() -> {
                    MessageText t = inIndex ? view.text(uid) : null;
                    return t != null ? t : extract(mapper, mailbox, m.uid());
                });
                if (criteria.matches(root, m, text)) {
                    hits.add(new SearchSort.Hit(m, text));
                }
            }
            if (!SearchSort.onlyByUid(query.getSorts())) {
                hits.sort(SearchSort.comparator(query.getSorts()));
            }
        } catch (IOException e) {
            throw new MailboxException("The search index could not be read", e);
        }
        if (!unindexed.isEmpty() && !indexer.busy(id)) {
            indexer.enqueue(new SearchIndexer.Add(id, unindexed)); // lost by a crash or a failure: index them again
        }
        return hits.stream().map(SearchSort.Hit::message).toList();
    }

    private List<MessageFacts> facts(MessageMapper mapper, Mailbox mailbox, MailboxId id) throws MailboxException {
        if (mapper instanceof MessageFacts.Source source) {
            MessageFacts.Version version = source.version(mailbox); // before the facts: a later change invalidates them
            List<MessageFacts> cached = recentFacts.get(id, version);
            if (cached != null) {
                return cached;
            }
            List<MessageFacts> facts = source.facts(mailbox);
            recentFacts.put(id, version, facts);
            return facts;
        }
        List<MessageFacts> facts = new ArrayList<>();
        Iterator<MailboxMessage> it = mapper.findInMailbox(mailbox, MessageRange.all(), MessageMapper.FetchType.METADATA, UNLIMITED);
        it.forEachRemaining(m -> facts.add(MessageFacts.of(m)));
        return facts;
    }

    /** The text of a message the index does not hold yet, read from the store. */
    private static MessageText extract(MessageMapper mapper, Mailbox mailbox, MessageUid uid) {
        try {
            Iterator<MailboxMessage> it = mapper.findInMailbox(mailbox, MessageRange.one(uid), MessageMapper.FetchType.FULL, 1);
            if (!it.hasNext()) {
                return new MessageText(List.of(), "", "", List.of(), false); // expunged meanwhile
            }
            return MessageTextExtractor.extract(it.next().getFullContent());
        } catch (IOException | MailboxException e) {
            throw new IllegalStateException("Message " + uid.asLong() + " could not be read for search", e);
        }
    }

    @Override
    public EnumSet<MailboxManager.SearchCapabilities> getSupportedCapabilities(EnumSet<MailboxManager.MessageCapabilities> capabilities) {
        return EnumSet.of(MailboxManager.SearchCapabilities.MultimailboxSearch, MailboxManager.SearchCapabilities.Text,
                MailboxManager.SearchCapabilities.FullText, MailboxManager.SearchCapabilities.PartialEmailMatch,
                MailboxManager.SearchCapabilities.Attachment, MailboxManager.SearchCapabilities.AttachmentFileName);
    }

    @Override
    public Mono<Void> add(MailboxSession session, Mailbox mailbox, MailboxMessage message) {
        return Mono.fromCallable(() -> {
            index.put(mailbox.getMailboxId().serialize(), message.getUid().asLong(), message.getMessageId().serialize(),
                    MessageTextExtractor.extract(message.getFullContent()));
            index.refresh();
            return null;
        }).then();
    }

    @Override
    public Mono<Void> delete(MailboxSession session, MailboxId mailboxId, Collection<MessageUid> uids) {
        return Mono.fromCallable(() -> {
            index.delete(mailboxId.serialize(), uids.stream().map(MessageUid::asLong).toList());
            index.refresh();
            return null;
        }).then();
    }

    @Override
    public Mono<Void> deleteAll(MailboxSession session, MailboxId mailboxId) {
        return Mono.fromCallable(() -> {
            index.deleteMailbox(mailboxId.serialize());
            index.refresh();
            return null;
        }).then();
    }

    /** Flags are never indexed: search reads them from the store. */
    @Override
    public Mono<Void> update(MailboxSession session, MailboxId mailboxId, List<UpdatedFlags> updatedFlags) {
        return Mono.empty();
    }

    @Override
    public Mono<Flags> retrieveIndexedFlags(Mailbox mailbox, MessageUid uid) {
        return Mono.error(new UnsupportedOperationException("Facteur's search index holds no flags; the store has them"));
    }

    /** A supplier that computes its value once, when first asked. */
    private static final class Once implements Supplier<MessageText> {
        private Supplier<MessageText> source;
        private MessageText value;

        Once(Supplier<MessageText> source) {
            this.source = source;
        }

        @Override
        public MessageText get() {
            if (source != null) {
                value = source.get();
                source = null;
            }
            return value;
        }
    }
}
