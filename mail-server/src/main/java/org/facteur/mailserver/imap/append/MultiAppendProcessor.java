package org.facteur.mailserver.imap.append;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.api.message.response.StatusResponse.ResponseCode;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.imap.processor.AbstractMailboxProcessor;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.exception.OverQuotaException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;
import org.facteur.mailserver.mime.MimeLimits;
import org.facteur.mailserver.mime.MimeStructureScanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * MULTIAPPEND (RFC 3502): the messages of one APPEND are stored all or none (§6.3.11). Every message passes the MIME
 * limits that SMTP DATA and a single APPEND apply before anything is stored; then they are appended in order, and
 * when one cannot be stored those already stored by this command are deleted by UID, so the client can send the
 * command again without making duplicates. Success answers {@code APPENDUID} with every new UID (RFC 4315).
 */
public final class MultiAppendProcessor extends AbstractMailboxProcessor<MultiAppendRequest>
        implements CapabilityImplementingProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(MultiAppendProcessor.class);
    private static final List<Capability> CAPABILITIES = List.of(Capability.of("MULTIAPPEND"));

    private final MimeLimits limits;

    @Inject
    public MultiAppendProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                MimeLimits limits) {
        super(MultiAppendRequest.class, mailboxManager, factory, metricFactory);
        this.limits = limits;
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return CAPABILITIES;
    }

    @Override
    protected Mono<Void> processRequestReactive(MultiAppendRequest request, ImapSession session, Responder responder) {
        Optional<String> refusal = mimeRefusal(request);
        if (refusal.isPresent()) {
            LOG.info("APPEND of {} messages to {} by {}: {}", request.messages().size(), request.mailboxName(),
                    user(session), refusal.get());
            no(request, responder, text("mime", refusal.get()));
            request.close();
            return Mono.empty();
        }
        MailboxPath path = PathConverter.forSession(session).buildFullPath(request.mailboxName());
        session.stopDetectingCommandInjection();
        List<MessageUid> stored = Collections.synchronizedList(new ArrayList<>());
        return Mono.from(getMailboxManager().getMailboxReactive(path, session.getMailboxSession()))
                .flatMap(mailbox -> appendAll(request, session, mailbox, stored)
                        .onErrorResume(e -> removeStored(mailbox, stored, session.getMailboxSession()).then(Mono.error(e)))
                        .flatMap(uids -> answer(request, session, mailbox, uids, responder)))
                .onErrorResume(MailboxNotFoundException.class, e -> {
                    no(request, responder, HumanReadableText.FAILURE_NO_SUCH_MAILBOX, ResponseCode.tryCreate());
                    return Mono.empty();
                })
                .onErrorResume(OverQuotaException.class, e -> {
                    no(request, responder, text("overquota", "failed: the " + request.messages().size()
                            + " messages do not fit in the quota; none of them was stored"), ResponseCode.overQuota());
                    return Mono.empty();
                })
                .onErrorResume(MailboxException.class, e -> {
                    LOG.error("APPEND of {} messages to {} failed at message {}", request.messages().size(), path,
                            stored.size() + 1, e);
                    no(request, responder, text("failed", "failed: message " + (stored.size() + 1) + " of "
                            + request.messages().size() + " could not be stored; none of them was kept"));
                    return Mono.empty();
                })
                .doFinally(signal -> request.close());
    }

    /** The first MIME limit a message of the command breaks, as a sentence naming the message, if any does. */
    private Optional<String> mimeRefusal(MultiAppendRequest request) {
        List<AppendedMessage> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            MimeStructureScanner.Verdict verdict;
            try (InputStream in = messages.get(i).content().getInputStream()) {
                verdict = MimeStructureScanner.scan(in, limits);
            } catch (IOException e) {
                continue; // as for one message: the store reads it again and reports its own failure
            }
            if (!verdict.acceptable()) {
                return Optional.of("refused: message " + (i + 1) + " of " + messages.size() + ": "
                        + verdict.violation().orElseThrow().sentence() + "; none of the messages was stored");
            }
        }
        return Optional.empty();
    }

    /** Appends the messages one after the other, recording each new UID in {@code stored} as soon as it exists. */
    private static Mono<List<MessageUid>> appendAll(MultiAppendRequest request, ImapSession session, MessageManager mailbox,
                                                    List<MessageUid> stored) {
        MailboxSession mailboxSession = session.getMailboxSession();
        boolean selected = isSelected(session, mailbox);
        return Flux.fromIterable(request.messages())
                .concatMap(message -> Mono.from(mailbox.appendMessageReactive(MessageManager.AppendCommand.builder()
                        .withInternalDate(message.internalDate())
                        .withFlags(message.flags())
                        .isRecent(!selected)
                        .build(message.content().asMailboxContent()), mailboxSession)))
                .map(result -> result.getId().getUid())
                .doOnNext(stored::add)
                .collectList();
    }

    private static Mono<Void> removeStored(MessageManager mailbox, List<MessageUid> stored, MailboxSession mailboxSession) {
        if (stored.isEmpty()) {
            return Mono.empty();
        }
        List<MessageUid> uids = List.copyOf(stored);
        return mailbox.deleteReactive(uids, mailboxSession)
                .doOnSuccess(done -> LOG.info("APPEND failed part way: removed the {} messages it had stored ({})",
                        uids.size(), uids))
                .onErrorResume(e -> {
                    LOG.error("APPEND failed part way and its stored messages {} could not be removed", uids, e);
                    return Mono.empty();
                });
    }

    private Mono<Void> answer(MultiAppendRequest request, ImapSession session, MessageManager mailbox,
                              List<MessageUid> uids, Responder responder) {
        if (isSelected(session, mailbox)) {
            SelectedMailbox selected = session.getSelected();
            uids.forEach(selected::addRecent);
        }
        return unsolicitedResponses(session, responder, false)
                .then(Mono.fromCallable(() -> mailbox.getMailboxEntity().getUidValidity()))
                .doOnNext(uidValidity -> okComplete(request, ResponseCode.appendUid(uidValidity, uidSet(uids)), responder))
                .then();
    }

    /** The UIDs as an RFC 4315 uid-set: consecutive ones as a range ({@code 3955:3957}). */
    static UidRange[] uidSet(List<MessageUid> uids) {
        List<UidRange> single = uids.stream().sorted().map(UidRange::new).toList();
        return UidRange.mergeRanges(single).toArray(UidRange[]::new);
    }

    private static boolean isSelected(ImapSession session, MessageManager mailbox) {
        SelectedMailbox selected = session.getSelected();
        return selected != null && selected.getMailboxId().equals(mailbox.getId());
    }

    private static HumanReadableText text(String key, String sentence) {
        return new HumanReadableText("org.facteur.imap.multiappend." + key, sentence);
    }

    private static String user(ImapSession session) {
        return session.getUserName() == null ? "?" : session.getUserName().asString();
    }

    @Override
    protected MDCBuilder mdc(MultiAppendRequest request) {
        return MDCBuilder.create()
                .addToContext(MDCBuilder.ACTION, "APPEND")
                .addToContext("mailbox", request.mailboxName());
    }
}
