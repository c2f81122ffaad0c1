package org.facteur.mailserver.imap;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.display.ModifiedUtf7;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.message.request.ListRequest;
import org.apache.james.imap.message.response.ListResponse;
import org.apache.james.imap.message.response.MailboxStatusResponse;
import org.apache.james.imap.processor.ListProcessor;
import org.apache.james.imap.processor.StatusProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.SubscriptionException;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.mailbox.model.search.PrefixedRegex;
import org.apache.james.metrics.api.MetricFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's LIST, answering a list of patterns ({@link MultiPatternListParser}) as RFC 5258 §3 asks: the mailboxes
 * matching any of them, each listed once (with its STATUS, for LIST-STATUS), then one tagged OK; and {@code BAD} for
 * RECURSIVEMATCH as the only selection option, which RFC 5258 §3 forbids (James listed everything); and the absent
 * parents of the user's mailboxes that a pattern matches ({@link AbsentParents}), which James left out.
 */
public final class MultiPatternListProcessor extends ListProcessor<ListRequest> {
    private static final Logger LOGGER = LoggerFactory.getLogger(MultiPatternListProcessor.class);
    /** RFC 5258 §3: RECURSIVEMATCH only refines another selection option that says which mailboxes to pick. */
    private static final Set<ListRequest.ListSelectOption> RECURSIVE_WITH = EnumSet.of(
            ListRequest.ListSelectOption.SUBSCRIBED, ListRequest.ListSelectOption.SPECIAL_USE);
    private static final HumanReadableText RECURSIVEMATCH_ALONE = new HumanReadableText(
            "org.facteur.imap.RECURSIVEMATCH_ALONE", "failed. RECURSIVEMATCH needs another selection option, such as SUBSCRIBED (RFC 5258 section 3).");
    private final SubscriptionManager subscriptionManager;

    @Inject
    public MultiPatternListProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                     SubscriptionManager subscriptionManager, StatusProcessor statusProcessor,
                                     MailboxTyper mailboxTyper) {
        super(mailboxManager, factory, metricFactory, subscriptionManager, statusProcessor, mailboxTyper);
        this.subscriptionManager = subscriptionManager;
    }

    @Override
    protected Mono<Void> processRequestReactive(ListRequest request, ImapSession session, Responder responder) {
        if (request.getSelectOptions().contains(ListRequest.ListSelectOption.RECURSIVEMATCH)
                && request.getSelectOptions().stream().noneMatch(RECURSIVE_WITH::contains)) {
            taggedBad(request, responder, RECURSIVEMATCH_ALONE);
            return Mono.empty();
        }
        String joined = request.getMailboxPattern();
        List<String> patterns = joined.indexOf(MultiPatternListParser.SEPARATOR) < 0 ? List.of(joined)
                : Arrays.asList(joined.split(String.valueOf(MultiPatternListParser.SEPARATOR)));
        OnceEach once = new OnceEach(responder);
        return Flux.fromIterable(patterns)
                .concatMap(pattern -> once.failed.get() ? Mono.<Void>empty()
                        : Mono.defer(() -> super.processRequestReactive(patterns.size() == 1 ? request
                                : new ListRequest(request.getCommand(), request.getBaseReferenceName(), pattern,
                                        request.getTag(), request.getSelectOptions(), request.getReturnOptions(),
                                        request.getStatusDataItems()), session, once))
                                // no mailbox can have a name that is not modified UTF-7: none listed (InvalidMailboxName)
                                .onErrorResume(InvalidMailboxName::thrownBy, e -> Mono.empty()))
                .then(Mono.defer(() -> once.failed.get() ? Mono.<Void>empty() : listAbsentParents(request, patterns, session, once)))
                .then(Mono.<Void>fromRunnable(() -> {
                    if (!once.failed.get()) {
                        okComplete(request, responder);
                    }
                }))
                .onErrorResume(MailboxException.class, e -> {
                    no(request, responder, HumanReadableText.SEARCH_FAILED);
                    LOGGER.error("LIST failed while looking for absent parents of {}", joined, e);
                    return Mono.empty();
                });
    }

    /**
     * Lists the absent parents ({@link AbsentParents}) of the user's own mailboxes that a pattern without {@code *}
     * matches, for a LIST of all mailboxes or one with SUBSCRIBED and RECURSIVEMATCH. Not for a pattern with
     * {@code *}, which lists every mailbox under such a level already (RFC 3501 §6.3.8 asks it of {@code %}, and
     * James's own scripts expect {@code LIST "" *} without it); not for SPECIAL-USE or REMOTE, which select only
     * mailboxes, nor for names of other namespaces.
     */
    private Mono<Void> listAbsentParents(ListRequest request, List<String> patterns, ImapSession session, Responder responder) {
        Set<ListRequest.ListSelectOption> select = request.getSelectOptions();
        boolean subscribedOnly = select.contains(ListRequest.ListSelectOption.SUBSCRIBED);
        List<MailboxQuery> queries = patterns.stream()
                .filter(pattern -> !pattern.isEmpty() && pattern.indexOf('*') < 0 && !isQualified(pattern)
                        && !isQualified(request.getBaseReferenceName()))
                .flatMap(pattern -> ownQuery(session, request.getBaseReferenceName(), pattern).stream())
                .toList();
        if (queries.isEmpty() || select.contains(ListRequest.ListSelectOption.SPECIAL_USE)
                || select.contains(ListRequest.ListSelectOption.REMOTE)
                || subscribedOnly && !select.contains(ListRequest.ListSelectOption.RECURSIVEMATCH)) {
            return Mono.empty();
        }
        MailboxSession mailboxSession = session.getMailboxSession();
        char delimiter = mailboxSession.getPathDelimiter();
        Predicate<MailboxPath> matches = path -> queries.stream().anyMatch(query -> query.isPathMatch(path));
        boolean extended = !select.isEmpty() || !request.getReturnOptions().isEmpty();
        boolean withSubscriptions = subscribedOnly
                || request.getReturnOptions().contains(ListRequest.ListReturnOption.SUBSCRIBED);
        Mono<Set<MailboxPath>> existing = getMailboxManager()
                .search(MailboxQuery.privateMailboxesBuilder(mailboxSession).matchesAllMailboxNames().build(),
                        MailboxManager.MailboxSearchFetchType.Minimal, mailboxSession)
                .map(MailboxMetaData::getPath)
                .collect(Collectors.toUnmodifiableSet());
        Mono<Set<MailboxPath>> subscriptions = withSubscriptions ? subscriptions(mailboxSession) : Mono.just(Set.of());
        return Mono.zip(existing, subscriptions)
                .flatMapIterable(found -> subscribedOnly
                        ? AbsentParents.ofSubscriptions(found.getT2(), found.getT1(), delimiter, matches)
                        : AbsentParents.of(found.getT1(), found.getT1(), delimiter, matches, extended, found.getT2()::contains))
                .doOnNext(responder::respond)
                .then();
    }

    private Mono<Set<MailboxPath>> subscriptions(MailboxSession mailboxSession) {
        try {
            return Flux.from(subscriptionManager.subscriptionsReactive(mailboxSession)).collect(Collectors.toUnmodifiableSet());
        } catch (SubscriptionException e) {
            return Mono.error(e);
        }
    }

    private static boolean isQualified(String name) {
        return !name.isEmpty() && name.charAt(0) == MailboxConstants.NAMESPACE_PREFIX_CHAR;
    }

    /**
     * The pattern under the reference in the user's own mailboxes, as James's LIST reads a relative pattern; none when
     * either is not modified UTF-7, since no mailbox has such a name ({@link InvalidMailboxName}).
     */
    private static Optional<MailboxQuery> ownQuery(ImapSession session, String reference, String pattern) {
        try {
            MailboxPath base = MailboxPath.forUser(session.getUserName(), ModifiedUtf7.decodeModifiedUTF7(reference));
            return Optional.of(MailboxQuery.builder()
                    .userAndNamespaceFrom(base)
                    .expression(new PrefixedRegex(base.getName(), ModifiedUtf7.decodeModifiedUTF7(pattern),
                            session.getMailboxSession().getPathDelimiter()))
                    .build());
        } catch (Error e) {
            if (InvalidMailboxName.thrownBy(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Passes each mailbox's LIST (and STATUS) on once; holds back each pattern's tagged OK, passes a failure. */
    private static final class OnceEach implements Responder {
        private final Responder next;
        private final Set<String> listed = new HashSet<>();
        private final Set<String> statused = new HashSet<>();
        private final AtomicBoolean failed = new AtomicBoolean();

        OnceEach(Responder next) {
            this.next = next;
        }

        @Override
        public void respond(ImapResponseMessage message) {
            if (message instanceof ListResponse list && !listed.add(list.getName())) {
                return;
            }
            if (message instanceof MailboxStatusResponse status && !statused.add(String.valueOf(status.getMailbox()))) {
                return;
            }
            if (message instanceof StatusResponse status && status.getTag() != null) {
                if (status.getServerResponseType() == StatusResponse.Type.OK) {
                    return;
                }
                failed.set(true);
            }
            next.respond(message);
        }

        @Override
        public void flush() {
            next.flush();
        }
    }
}
