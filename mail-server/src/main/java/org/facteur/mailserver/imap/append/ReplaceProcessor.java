package org.facteur.mailserver.imap.append;

import java.io.IOException;
import java.io.InputStream;
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
import org.apache.james.imap.message.request.ReplaceRequest;
import org.apache.james.imap.processor.AbstractMailboxProcessor;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.exception.OverQuotaException;
import org.apache.james.mailbox.exception.ReadOnlyException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxACL.Right;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;
import org.facteur.mailserver.imap.ReadOnlySelection;
import org.facteur.mailserver.mime.MimeLimits;
import org.facteur.mailserver.mime.MimeStructureScanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * REPLACE and UID REPLACE (RFC 8508): the new message is appended to the named mailbox, then the message it replaces
 * is removed from the selected mailbox; the client gets {@code * OK [APPENDUID …]}, the EXISTS and EXPUNGE that follow,
 * then {@code OK}. Everything that can make it fail is checked before anything is stored, so that a {@code NO} leaves
 * both mailboxes as they were: the mailbox opened read-write, the message still there (another session may have
 * expunged it), the right to delete and expunge in it, and the MIME limits APPEND applies. If the append fails (no
 * such mailbox: {@code [TRYCREATE]}; quota: {@code [OVERQUOTA]}), nothing is removed; if the removal fails, the new
 * message is removed again unless the old one turns out to be gone ({@link #appendThenRemove}). A crash between the
 * two keeps both messages, never neither; two sessions replacing the same message at the same moment both succeed
 * and keep both new versions.
 *
 * <p>James 3.8.1 has a REPLACE processor that no package of its registers; it also appended before it looked for the
 * message to replace (an unknown one left the new message stored and answered {@code NO}), did not check the rights
 * to delete or EXAMINE's read-only state, and applied no MIME limits.
 *
 * <p>The quota must hold both messages for a moment: the old one is removed after the new one is stored.
 */
public final class ReplaceProcessor extends AbstractMailboxProcessor<ReplaceRequest> implements CapabilityImplementingProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ReplaceProcessor.class);
    private static final List<Capability> CAPABILITIES = List.of(Capability.of("REPLACE"));

    private final MimeLimits limits;

    @Inject
    public ReplaceProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                            MimeLimits limits) {
        super(ReplaceRequest.class, mailboxManager, factory, metricFactory);
        this.limits = limits;
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return CAPABILITIES;
    }

    @Override
    protected Mono<Void> processRequestReactive(ReplaceRequest request, ImapSession session, Responder responder) {
        // James's channel handler closes the request after the command, but not one cancelled by a client gone mid-way;
        // the literal is released once either way (OnceReleasedLiteral).
        return Mono.defer(() -> replace(request, session, responder))
                .doFinally(signal -> release(request));
    }

    private Mono<Void> replace(ReplaceRequest request, ImapSession session, Responder responder) {
        if (ReadOnlySelection.isReadOnly(session)) {
            no(request, responder, ReadOnlySelection.refusal(request));
            return Mono.empty();
        }
        Optional<String> mimeRefusal = mimeRefusal(request);
        if (mimeRefusal.isPresent()) {
            LOG.info("REPLACE in {} by {} refused: {}", request.getMailboxName(), user(session), mimeRefusal.get());
            no(request, responder, text("mime", "refused: " + mimeRefusal.get() + "; nothing was changed"));
            return Mono.empty();
        }
        SelectedMailbox selected = session.getSelected();
        Optional<MessageUid> replaced = replaced(selected, request);
        if (replaced.isEmpty()) {
            no(request, responder, text("unknown", "failed: " + unknown(request) + "; nothing was changed"));
            return Mono.empty();
        }
        MailboxSession mailboxSession = session.getMailboxSession();
        MailboxPath destination = PathConverter.forSession(session).buildFullPath(request.getMailboxName());
        session.stopDetectingCommandInjection();
        return getSelectedMailboxReactive(session)
                .flatMap(source -> mayRemove(source, mailboxSession).flatMap(allowed -> {
                    if (!allowed) {
                        no(request, responder, text("rights", "failed: you may not delete messages from the selected "
                                + "mailbox; nothing was changed"));
                        return Mono.empty();
                    }
                    return stillThere(source, replaced.get(), mailboxSession).flatMap(there -> {
                        if (!there) {
                            return unsolicitedResponses(session, responder, request.isUseUid())
                                    .then(Mono.fromRunnable(() -> no(request, responder, text("expunged",
                                            "failed: the message to replace has been expunged; nothing was changed"))));
                        }
                        return destination(request, destination, mailboxSession, responder)
                                .flatMap(target -> appendThenRemove(request, session, source, target, replaced.get())
                                        .flatMap(newUid -> answer(request, session, target, newUid, replaced.get(),
                                                responder)));
                    });
                }))
                .onErrorResume(NotReplaced.class, e -> {
                    no(request, responder, text(e.key, "failed: " + e.getMessage()));
                    return Mono.empty();
                })
                .onErrorResume(OverQuotaException.class, e -> {
                    no(request, responder, text("overquota", "failed: the new message does not fit in the quota while "
                            + "the one it replaces is still stored; nothing was changed"), ResponseCode.overQuota());
                    return Mono.empty();
                })
                .onErrorResume(ReadOnlyException.class, e -> {
                    no(request, responder, text("insert", "failed: you may not add messages to "
                            + request.getMailboxName() + "; nothing was changed"));
                    return Mono.empty();
                })
                .onErrorResume(MailboxException.class, e -> {
                    LOG.error("REPLACE of {} in {} by a message for {} failed", replaced.get(),
                            selected.getMailboxId(), destination, e);
                    no(request, responder, text("failed", "failed: the message could not be replaced; "
                            + "nothing was changed"));
                    return Mono.empty();
                });
    }

    /** The mailbox the new message goes to; {@code NO [TRYCREATE]} and nothing when it does not exist. */
    private Mono<MessageManager> destination(ReplaceRequest request, MailboxPath destination, MailboxSession mailboxSession,
                                             Responder responder) {
        return Mono.from(getMailboxManager().getMailboxReactive(destination, mailboxSession))
                .onErrorResume(MailboxNotFoundException.class, e -> {
                    no(request, responder, HumanReadableText.FAILURE_NO_SUCH_MAILBOX, ResponseCode.tryCreate());
                    return Mono.empty();
                });
    }

    private static void release(ReplaceRequest request) {
        try {
            request.close();
        } catch (IOException e) {
            LOG.debug("Could not release the REPLACE literal", e);
        }
    }

    /** The UID of the message to replace, if the session knows it. */
    static Optional<MessageUid> replaced(SelectedMailbox selected, ReplaceRequest request) {
        long id = request.getId();
        if (request.isUseUid()) {
            if (id == ReplaceParser.LAST) {
                return selected.getLastUid();
            }
            MessageUid uid = MessageUid.of(id);
            return selected.msn(uid).asInt().map(msn -> uid);
        }
        long msn = id == ReplaceParser.LAST ? selected.existsCount() : id;
        if (msn < 1 || msn > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return selected.uid((int) msn);
    }

    private static String unknown(ReplaceRequest request) {
        if (request.getId() == ReplaceParser.LAST) {
            return "the selected mailbox is empty";
        }
        return request.isUseUid() ? "no message of the selected mailbox has UID " + request.getId()
                : "the selected mailbox has no message " + request.getId();
    }

    private Mono<Boolean> mayRemove(MessageManager source, MailboxSession mailboxSession) {
        return Mono.from(getMailboxManager().myRights(source.getId(), mailboxSession))
                .map(rights -> rights.contains(Right.DeleteMessages) && rights.contains(Right.PerformExpunge));
    }

    private static Mono<Boolean> stillThere(MessageManager source, MessageUid uid, MailboxSession mailboxSession) {
        return Flux.from(source.getMessagesReactive(MessageRange.one(uid), FetchGroup.MINIMAL, mailboxSession))
                .hasElements();
    }

    /**
     * Appends the new message, then removes the old one: the new UID, or an error. When the removal fails, the old
     * message is looked for again: gone (the removal happened after all), the replace is done; still there, the new
     * message is removed again ({@link NotReplaced}: nothing was changed, or both versions are kept when that fails
     * too); unknown, both may be there and the answer says so. Never neither.
     */
    private static Mono<MessageUid> appendThenRemove(ReplaceRequest request, ImapSession session, MessageManager source,
                                                     MessageManager target, MessageUid replaced) {
        MailboxSession mailboxSession = session.getMailboxSession();
        boolean intoSelected = target.getId().equals(source.getId());
        return Mono.from(target.appendMessageReactive(MessageManager.AppendCommand.builder()
                        .withInternalDate(request.getDatetime())
                        .withFlags(request.getFlags())
                        .isRecent(!intoSelected)
                        .build(request.getMessage().asMailboxContent()), mailboxSession))
                .map(result -> result.getId().getUid())
                .flatMap(newUid -> source.deleteReactive(List.of(replaced), mailboxSession)
                        .thenReturn(newUid)
                        .onErrorResume(e -> afterFailedRemoval(source, target, replaced, newUid, mailboxSession, e)));
    }

    static Mono<MessageUid> afterFailedRemoval(MessageManager source, MessageManager target, MessageUid replaced,
                                                       MessageUid newUid, MailboxSession mailboxSession, Throwable e) {
        return stillThere(source, replaced, mailboxSession)
                .onErrorResume(unknown -> {
                    LOG.error("REPLACE could not remove {} and cannot tell whether it is still there; the new message {} "
                            + "is kept", replaced, newUid, unknown);
                    return Mono.error(new NotReplaced("kept", "the old version could not be removed; the new version "
                            + "is stored, and the old one may still be there"));
                })
                .flatMap(there -> {
                    if (!there) {
                        LOG.warn("REPLACE: removing {} reported a failure, but it is gone; replaced by {}", replaced,
                                newUid, e);
                        return Mono.just(newUid);
                    }
                    LOG.error("REPLACE could not remove {}; removing the new message {} again", replaced, newUid, e);
                    return target.deleteReactive(List.of(newUid), mailboxSession)
                            .onErrorResume(again -> {
                                LOG.error("REPLACE could not remove the new message {} either: both are kept", newUid,
                                        again);
                                return Mono.error(new NotReplaced("kept", "the old version could not be removed, nor "
                                        + "the new one: both versions are kept"));
                            })
                            .then(Mono.error(new NotReplaced("failed", "the old version could not be removed; "
                                    + "nothing was changed")));
                });
    }

    /**
     * The answer: the new message is recent for this session when it went to the selected mailbox, the old one no
     * longer, so that a RECENT follows when the count changed (as James's SELECT and EXPUNGE count them).
     */
    private Mono<Void> answer(ReplaceRequest request, ImapSession session, MessageManager target, MessageUid newUid,
                              MessageUid replaced, Responder responder) {
        SelectedMailbox selected = session.getSelected();
        if (selected != null) {
            selected.removeRecent(replaced);
            if (selected.getMailboxId().equals(target.getId())) {
                selected.addRecent(newUid);
            }
        }
        return Mono.fromCallable(() -> target.getMailboxEntity().getUidValidity())
                .doOnNext(uidValidity -> responder.respond(getStatusResponseFactory().untaggedOk(
                        HumanReadableText.REPLACE_READY,
                        ResponseCode.appendUid(uidValidity, new UidRange[] {new UidRange(newUid)}))))
                .then(unsolicitedResponses(session, responder, request.isUseUid()))
                .onErrorResume(e -> {
                    LOG.warn("REPLACE of {} by {} done, but its untagged answers failed", replaced, newUid, e);
                    return Mono.empty();
                })
                .then(Mono.fromRunnable(() -> okComplete(request, responder)));
    }

    private Optional<String> mimeRefusal(ReplaceRequest request) {
        try (InputStream in = request.getMessage().getInputStream()) {
            MimeStructureScanner.Verdict verdict = MimeStructureScanner.scan(in, limits);
            return verdict.acceptable() ? Optional.empty() : Optional.of(verdict.violation().orElseThrow().sentence());
        } catch (IOException e) {
            return Optional.empty(); // as for APPEND: the store reads it again and reports its own failure
        }
    }

    private static HumanReadableText text(String key, String sentence) {
        return new HumanReadableText("org.facteur.imap.replace." + key, sentence);
    }

    private static String user(ImapSession session) {
        return session.getUserName() == null ? "?" : session.getUserName().asString();
    }

    /** A replace that could not be done, with the sentence saying what is left. */
    static final class NotReplaced extends RuntimeException {
        private final String key;

        NotReplaced(String key, String sentence) {
            super(sentence, null, false, false);
            this.key = key;
        }
    }

    @Override
    protected MDCBuilder mdc(ReplaceRequest request) {
        return MDCBuilder.create()
                .addToContext(MDCBuilder.ACTION, "REPLACE")
                .addToContext("mailbox", request.getMailboxName())
                .addToContext("id", Long.toString(request.getId()));
    }
}
