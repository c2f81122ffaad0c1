package org.facteur.webmail.archives;

import java.io.OutputStream;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/** Used when no list manager is wired in (the webmail on its own): no list has an archive here. */
public final class NoListArchives implements ListArchives {
    @Override
    public Optional<Archive> archive(String list, Optional<String> reader) {
        return Optional.empty();
    }

    @Override
    public List<MonthCount> months(String list) {
        return List.of();
    }

    @Override
    public List<PostSummary> month(String list, YearMonth month) {
        return List.of();
    }

    @Override
    public Optional<Post> post(String list, String id) {
        return Optional.empty();
    }

    @Override
    public List<PostSummary> search(String list, String words, int limit) {
        return List.of();
    }

    @Override
    public void remove(String list, String id, String owner) {
        throw new NotFoundException("There is no list " + list + ".");
    }

    @Override
    public void exportMbox(String list, String owner, OutputStream out) {
        throw new NotFoundException("There is no list " + list + ".");
    }
}
