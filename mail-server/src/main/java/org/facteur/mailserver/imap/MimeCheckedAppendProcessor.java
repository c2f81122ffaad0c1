package org.facteur.mailserver.imap;

import java.io.IOException;
import java.io.InputStream;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.AppendRequest;
import org.apache.james.imap.processor.AppendProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.facteur.mailserver.mime.MimeLimits;
import org.facteur.mailserver.mime.MimeStructureScanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * IMAP APPEND with the same MIME limits as SMTP DATA: a message too deep, with too many parts or too big a header
 * section gets {@code NO} and a sentence naming the limit, before the store's MIME parser sees it.
 */
public final class MimeCheckedAppendProcessor extends AppendProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(MimeCheckedAppendProcessor.class);

    private final MimeLimits limits;

    @Inject
    public MimeCheckedAppendProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                      MimeLimits limits) {
        super(mailboxManager, factory, metricFactory);
        this.limits = limits;
    }

    @Override
    protected Mono<Void> processRequestReactive(AppendRequest request, ImapSession session, Responder responder) {
        MimeStructureScanner.Verdict verdict;
        try (InputStream in = request.getMessage().getInputStream()) {
            verdict = MimeStructureScanner.scan(in, limits);
        } catch (IOException e) {
            return super.processRequestReactive(request, session, responder);
        }
        if (verdict.acceptable()) {
            return super.processRequestReactive(request, session, responder);
        }
        String sentence = verdict.violation().orElseThrow().sentence();
        LOG.info("APPEND to {} by {} refused: {}", request.getMailboxName(),
                session.getUserName() == null ? "?" : session.getUserName().asString(), sentence);
        no(request, responder, new HumanReadableText("org.facteur.imap.append.mime",
                "refused: " + sentence + "; the message was not stored"));
        try {
            request.close();
        } catch (IOException e) {
            LOG.debug("Could not release the refused APPEND literal", e);
        }
        return Mono.empty();
    }
}
