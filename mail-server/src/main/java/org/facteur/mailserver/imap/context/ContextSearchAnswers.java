package org.facteur.mailserver.imap.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.response.ESearchResponse;
import org.apache.james.mailbox.MessageUid;

/**
 * A responder for James's answer to a {@link ContextSearchRequest}: James's {@code * ESEARCH} (which always carries
 * every match) becomes the answer the client asked for, its PARTIAL window included; for UPDATE the result is kept
 * live, or refused with {@code NOUPDATE} past the session's limit (the answer is sent either way).
 */
public final class ContextSearchAnswers implements Responder {
    private final Responder responder;
    private final ContextSearchRequest request;
    private final ImapSession session;
    private final LiveSearchQuery query;

    public ContextSearchAnswers(Responder responder, ContextSearchRequest request, ImapSession session,
                                LiveSearchQuery query) {
        this.responder = responder;
        this.request = request;
        this.session = session;
        this.query = query;
    }

    /** Whether the request's tag already names a live search of this session (RFC 5267 §4.3: BAD). */
    public static boolean reusesTag(ContextSearchRequest request, ImapSession session) {
        return request.update() && LiveSearches.of(session).map(live -> live.has(request.getTag())).orElse(false);
    }

    @Override
    public void respond(ImapResponseMessage message) {
        if (message instanceof ESearchResponse answer && answer.getTag().equals(request.getTag())) {
            List<Long> ids = ids(answer.getAll());
            responder.respond(new ContextSearchResponse(request.getTag(), request.isUseUids(), data(answer, ids)));
            if (request.update()) {
                keep(ids);
            }
            return;
        }
        responder.respond(message);
    }

    @Override
    public void flush() {
        responder.flush();
    }

    private List<String> data(ESearchResponse answer, List<Long> ids) {
        List<SearchResultOption> returned = request.returned();
        List<String> data = new ArrayList<>();
        if (returned.contains(SearchResultOption.MIN) && !ids.isEmpty()) {
            data.addAll(List.of("MIN", String.valueOf(ids.get(0))));
        }
        if (returned.contains(SearchResultOption.MAX) && !ids.isEmpty()) {
            data.addAll(List.of("MAX", String.valueOf(ids.get(ids.size() - 1))));
        }
        if (returned.contains(SearchResultOption.ALL) && !ids.isEmpty()) {
            data.addAll(List.of("ALL", SequenceSets.of(ids)));
        }
        request.partial().ifPresent(window -> {
            List<Long> part = window.of(ids);
            data.addAll(List.of("PARTIAL", "(" + window + " " + (part.isEmpty() ? "NIL" : SequenceSets.of(part)) + ")"));
        });
        if (returned.contains(SearchResultOption.COUNT)) {
            data.addAll(List.of("COUNT", String.valueOf(ids.size())));
        }
        if (answer.getHighestModSeq() != null) {
            data.addAll(List.of("MODSEQ", String.valueOf(answer.getHighestModSeq().asLong())));
        }
        return data;
    }

    private void keep(List<Long> ids) {
        List<MessageUid> uids = ids.stream()
                .map(id -> request.isUseUids() ? Optional.of(MessageUid.of(id)) : session.getSelected().uid(id.intValue()))
                .flatMap(Optional::stream).toList();
        LiveSearch search = new LiveSearch(request.getTag(), request.isUseUids(),
                request.getSearchOperation().getSearchKey(), uids);
        if (!LiveSearches.forSelected(session, query).keep(search)) {
            responder.respond(new UpdateRefusedResponse(request.getTag(), LiveSearches.LIMIT));
        }
    }

    private static List<Long> ids(IdRange[] ranges) {
        List<Long> ids = new ArrayList<>();
        if (ranges != null) {
            for (IdRange range : ranges) {
                for (long id = range.getLowVal(); id <= range.getHighVal(); id++) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }
}
