package org.facteur.mailserver.imap;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.SearchRequest;
import org.apache.james.imap.message.response.ESearchResponse;
import org.apache.james.imap.processor.SearchProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MessageRangeException;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.metrics.api.MetricFactory;
import org.facteur.mailserver.imap.context.ContextSearchAnswers;
import org.facteur.mailserver.imap.context.ContextSearchRequest;
import org.facteur.mailserver.imap.sort.SearchKeyQueries;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's SEARCH, with the {@code MODSEQ} of an ESEARCH answer that returns only MIN and/or MAX taken from the
 * returned messages, as RFC 7162 §3.1.5 asks (imaptest's esearch-condstore). James 3.8.1 gives the highest
 * mod-sequence of every match. The answer is held back until that mod-sequence is read; if reading it fails, James's
 * answer goes out unchanged, once (a failure of James's search itself releases what it had answered, then fails).
 * A SEARCH with RFC 5267's UPDATE or PARTIAL ({@link ContextSearchRequest}) is James's search too, its answer
 * rewritten and its result kept live by {@link ContextSearchAnswers}; CONTEXT=SEARCH is announced here.
 */
public final class ReturnedModSeqSearchProcessor extends SearchProcessor {
    private static final Set<SearchResultOption> MIN_MAX = EnumSet.of(SearchResultOption.MIN, SearchResultOption.MAX);
    private static final Capability CONTEXT_SEARCH = Capability.of("CONTEXT=SEARCH");
    private static final HumanReadableText TAG_IN_USE = new HumanReadableText("org.facteur.imap.search.tag.in.use",
            "This tag already names a search kept up to date: use a new tag, or CANCELUPDATE the other first");

    private final SearchKeyQueries queries = new SearchKeyQueries(this);

    @Inject
    public ReturnedModSeqSearchProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                         MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    public List<Class<? extends SearchRequest>> acceptableClasses() {
        return List.of(SearchRequest.class, ContextSearchRequest.class);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        List<Capability> capabilities = new ArrayList<>(super.getImplementedCapabilities(session));
        capabilities.add(CONTEXT_SEARCH);
        return capabilities;
    }

    @Override
    protected Mono<Void> processRequestReactive(SearchRequest request, ImapSession session, Responder responder) {
        if (request instanceof ContextSearchRequest context) {
            if (ContextSearchAnswers.reusesTag(context, session)) {
                taggedBad(request, responder, TAG_IN_USE);
                return Mono.empty();
            }
            return super.processRequestReactive(request, session,
                    new ContextSearchAnswers(responder, context, session, this::matching));
        }
        List<SearchResultOption> returned = request.getSearchOperation().getResultOptions().stream()
                .filter(o -> o != SearchResultOption.SAVE).toList();
        if (returned.isEmpty() || !MIN_MAX.containsAll(returned)) {
            return super.processRequestReactive(request, session, responder);
        }
        List<ImapResponseMessage> held = new ArrayList<>();
        Responder holding = new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                held.add(message);
            }

            @Override
            public void flush() {
                // held until the mod-sequence is known
            }
        };
        return super.processRequestReactive(request, session, holding)
                .onErrorResume(e -> Mono.<Void>fromRunnable(() -> held.forEach(responder::respond)).then(Mono.<Void>error(e)))
                .then(Flux.fromIterable(held)
                        .concatMap(m -> m instanceof ESearchResponse esearch && esearch.getHighestModSeq() != null
                                ? ofReturnedMessages(esearch, session) : Mono.just(m))
                        .doOnNext(responder::respond)
                        .then(Mono.<Void>fromRunnable(responder::flush)));
    }

    /** The UIDs matching {@code key} now, for a live search; nothing when its message numbers no longer exist. */
    private Mono<Set<MessageUid>> matching(SearchKey key, ImapSession session) {
        SearchQuery query;
        try {
            query = queries.query(key, session);
        } catch (MessageRangeException e) {
            return Mono.just(Set.of());
        }
        return getSelectedMailboxReactive(session)
                .flatMap(mailbox -> Mono.defer(() -> {
                    try {
                        return Flux.from(mailbox.search(query, session.getMailboxSession()))
                                .collect(Collectors.<MessageUid, Set<MessageUid>>toCollection(TreeSet::new));
                    } catch (MailboxException e) {
                        return Mono.error(e);
                    }
                }));
    }

    /** The answer with the highest mod-sequence of its MIN and MAX messages (unchanged if they are gone). */
    private Mono<ImapResponseMessage> ofReturnedMessages(ESearchResponse esearch, ImapSession session) {
        List<SearchResultOption> options = esearch.getSearchResultOptions();
        List<Long> ids = new ArrayList<>();
        if (options.contains(SearchResultOption.MIN) && esearch.getMinUid() > 0) {
            ids.add(esearch.getMinUid());
        }
        if (options.contains(SearchResultOption.MAX) && esearch.getMaxUid() > 0) {
            ids.add(esearch.getMaxUid());
        }
        List<MessageUid> uids = ids.stream()
                .map(id -> esearch.getUseUid() ? Optional.of(MessageUid.of(id)) : session.getSelected().uid(id.intValue()))
                .flatMap(Optional::stream).toList();
        return getSelectedMailboxReactive(session)
                .flatMapMany(mailbox -> Flux.fromIterable(uids)
                        .concatMap(uid -> mailbox.listMessagesMetadata(MessageRange.one(uid), session.getMailboxSession())))
                .map(ComposedMessageIdWithMetaData::getModSeq)
                .reduce((a, b) -> a.compareTo(b) >= 0 ? a : b)
                .<ImapResponseMessage>map(modSeq -> new ESearchResponse(esearch.getMinUid(), esearch.getMaxUid(),
                        esearch.getCount(), esearch.getAll(), modSeq, esearch.getTag(), esearch.getUseUid(), options))
                .defaultIfEmpty(esearch)
                .onErrorReturn(esearch);
    }
}
