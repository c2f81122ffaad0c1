package org.facteur.mailserver.imap.context;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.AbstractMailboxProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;

import reactor.core.publisher.Mono;

/**
 * {@code CANCELUPDATE} (RFC 5267 §4.3.5): ends the live searches named, all or none; a tag that names none is
 * answered {@code NO} with the tag, and nothing is cancelled.
 */
public class CancelUpdateProcessor extends AbstractMailboxProcessor<CancelUpdateRequest> {
    @Inject
    public CancelUpdateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(CancelUpdateRequest.class, mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(CancelUpdateRequest request, ImapSession session, Responder responder) {
        Optional<LiveSearches> live = LiveSearches.of(session);
        List<Tag> unknown = request.searches().stream()
                .filter(tag -> live.map(searches -> !searches.has(tag)).orElse(true)).toList();
        if (!unknown.isEmpty()) {
            no(request, responder, new HumanReadableText("org.facteur.imap.cancelupdate.unknown",
                    "No search kept up to date has the tag " + printable(unknown.get(0)) + ": nothing was cancelled"));
            return Mono.empty();
        }
        request.searches().forEach(tag -> live.ifPresent(searches -> searches.cancel(tag)));
        return unsolicitedResponses(session, responder, false)
                .then(Mono.fromRunnable(() -> okComplete(request, responder)));
    }

    /** The tag as it may appear on a status line: printable US-ASCII, at most 40 characters. */
    private static String printable(Tag tag) {
        String kept = tag.asString().chars().filter(c -> c > 32 && c < 127)
                .limit(40).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return kept.isEmpty() ? "given" : kept;
    }

    @Override
    protected MDCBuilder mdc(CancelUpdateRequest request) {
        return MDCBuilder.create().addToContext(MDCBuilder.ACTION, "CANCELUPDATE");
    }
}
