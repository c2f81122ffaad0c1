package org.facteur.mailserver.imap;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
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
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's LIST, answering a list of patterns ({@link MultiPatternListParser}) as RFC 5258 §3 asks: the mailboxes
 * matching any of them, each listed once (with its STATUS, for LIST-STATUS), then one tagged OK; and {@code BAD} for
 * RECURSIVEMATCH as the only selection option, which RFC 5258 §3 forbids (James listed everything).
 */
public final class MultiPatternListProcessor extends ListProcessor<ListRequest> {
    /** RFC 5258 §3: RECURSIVEMATCH only refines another selection option that says which mailboxes to pick. */
    private static final Set<ListRequest.ListSelectOption> RECURSIVE_WITH = EnumSet.of(
            ListRequest.ListSelectOption.SUBSCRIBED, ListRequest.ListSelectOption.SPECIAL_USE);
    private static final HumanReadableText RECURSIVEMATCH_ALONE = new HumanReadableText(
            "org.facteur.imap.RECURSIVEMATCH_ALONE", "failed. RECURSIVEMATCH needs another selection option, such as SUBSCRIBED (RFC 5258 section 3).");
    @Inject
    public MultiPatternListProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                     SubscriptionManager subscriptionManager, StatusProcessor statusProcessor,
                                     MailboxTyper mailboxTyper) {
        super(mailboxManager, factory, metricFactory, subscriptionManager, statusProcessor, mailboxTyper);
    }

    @Override
    protected Mono<Void> processRequestReactive(ListRequest request, ImapSession session, Responder responder) {
        if (request.getSelectOptions().contains(ListRequest.ListSelectOption.RECURSIVEMATCH)
                && request.getSelectOptions().stream().noneMatch(RECURSIVE_WITH::contains)) {
            taggedBad(request, responder, RECURSIVEMATCH_ALONE);
            return Mono.empty();
        }
        String joined = request.getMailboxPattern();
        if (joined.indexOf(MultiPatternListParser.SEPARATOR) < 0) {
            return super.processRequestReactive(request, session, responder);
        }
        List<String> patterns = Arrays.asList(joined.split(String.valueOf(MultiPatternListParser.SEPARATOR)));
        OnceEach once = new OnceEach(responder);
        return Flux.fromIterable(patterns)
                .concatMap(pattern -> once.failed.get() ? Mono.<Void>empty()
                        : super.processRequestReactive(new ListRequest(request.getCommand(), request.getBaseReferenceName(),
                                pattern, request.getTag(), request.getSelectOptions(), request.getReturnOptions(),
                                request.getStatusDataItems()), session, once))
                .then(Mono.fromRunnable(() -> {
                    if (!once.failed.get()) {
                        okComplete(request, responder);
                    }
                }));
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
