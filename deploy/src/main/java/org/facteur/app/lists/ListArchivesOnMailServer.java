package org.facteur.app.lists;

import java.io.IOException;
import java.io.OutputStream;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.lists.ListService;
import org.facteur.lists.archive.ArchiveAccessDenied;
import org.facteur.lists.archive.Archives;
import org.facteur.lists.model.Addresses;
import org.facteur.lists.model.ArchiveAccess;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.store.ArchiveEntry;
import org.facteur.lists.store.ListStoreException;
import org.facteur.webmail.archives.ListArchives;
import org.springframework.stereotype.Component;

/**
 * The webmail's archive pages on the list manager's {@link Archives}: the same rules (who reads, who removes and
 * exports), for the logged-in member or an anonymous visitor. Months are counted in UTC, as the mbox export dates posts.
 */
@Component
class ListArchivesOnMailServer implements ListArchives {
    private static final ZoneId MONTHS = ZoneOffset.UTC;

    private final MailServerLifecycle mail;

    ListArchivesOnMailServer(MailServerLifecycle mail) {
        this.mail = mail;
    }

    @Override
    public Optional<Archive> archive(String list, Optional<String> reader) {
        if (!Addresses.isValid(list)) {
            return Optional.empty(); // a hand-made URL: no such list, not a server error
        }
        return call(() -> {
            ListService service = service();
            Optional<MailingList> found = service.admin().find(list);
            if (found.isEmpty() || found.get().archive() == ArchiveAccess.OFF) {
                return Optional.empty();
            }
            MailingList l = found.get();
            Archives archives = service.archives();
            return Optional.of(new Archive(l.address(), l.name(), l.archive() == ArchiveAccess.PUBLIC,
                    archives.mayRead(l.address(), reader), archives.owns(l.address(), reader)));
        });
    }

    @Override
    public List<MonthCount> months(String list) {
        return call(() -> archives().monthCounts(list, MONTHS).reversed().entrySet().stream()
                .map(e -> new MonthCount(e.getKey(), e.getValue())).toList());
    }

    @Override
    public List<PostSummary> month(String list, YearMonth month) {
        return call(() -> archives().month(list, month, MONTHS).stream().map(ListArchivesOnMailServer::summary).toList());
    }

    @Override
    public Optional<Post> post(String list, String id) {
        return call(() -> archives().find(list, id).map(p -> new Post(summary(p.entry()), p.message())));
    }

    @Override
    public List<PostSummary> search(String list, String words, int limit) {
        return call(() -> {
            try {
                return archives().search(list, words, limit).stream().map(ListArchivesOnMailServer::summary).toList();
            } catch (IllegalStateException e) {
                throw new UnavailableException(e.getMessage());
            }
        });
    }

    @Override
    public void remove(String list, String id, String owner) {
        call(() -> {
            archives().remove(list, id, owner);
            return null;
        });
    }

    @Override
    public void exportMbox(String list, String owner, OutputStream out) throws IOException {
        Archives archives = call(this::archives);
        try {
            archives.exportMbox(list, owner, out);
        } catch (ArchiveAccessDenied e) {
            throw new RefusedException(e.getMessage());
        } catch (ListStoreException.NotFound e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    private static PostSummary summary(ArchiveEntry e) {
        return new PostSummary(e.id(), e.archivedAt(), e.messageId(), e.inReplyTo(), e.references(), e.from(), e.subject());
    }

    private ListService service() {
        return mail.server().orElseThrow(() -> new UnavailableException("The mail server is still starting; try again in a moment."))
                .lists().service();
    }

    private Archives archives() {
        return service().archives();
    }

    /** The list manager's refusals, as the port names them. */
    private static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (ArchiveAccessDenied e) {
            throw new RefusedException(e.getMessage());
        } catch (ListStoreException.NotFound e) {
            throw new NotFoundException(e.getMessage());
        }
    }
}
