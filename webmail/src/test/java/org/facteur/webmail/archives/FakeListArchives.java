package org.facteur.webmail.archives;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The port in memory, with the list manager's rules: one list per address, its access setting, its members and owners;
 * search finds the posts whose subject or text contains the word.
 */
final class FakeListArchives implements ListArchives {
    /** A list: {@code access} is {@code off}, {@code members} or {@code public}. */
    record FakeList(String address, String name, String access, Set<String> members, Set<String> owners) {
    }

    final Map<String, FakeList> lists = new LinkedHashMap<>();
    final List<Post> posts = new ArrayList<>();
    final Map<Post, String> listOf = new LinkedHashMap<>();
    final List<String> removed = new ArrayList<>();

    void list(String address, String access, Set<String> members, Set<String> owners) {
        lists.put(address, new FakeList(address, address.substring(0, address.indexOf('@')), access, members, owners));
    }

    PostSummary add(String list, String id, Instant at, String messageId, String inReplyTo, List<String> references, String from,
            String subject, String message) {
        PostSummary summary = new PostSummary(id, at, messageId, inReplyTo, references, from, subject);
        Post post = new Post(summary, message.getBytes(StandardCharsets.UTF_8));
        posts.add(post);
        listOf.put(post, list);
        return summary;
    }

    @Override
    public Optional<Archive> archive(String list, Optional<String> reader) {
        FakeList found = lists.get(list);
        if (found == null || found.access().equals("off")) {
            return Optional.empty();
        }
        boolean member = reader.map(r -> found.members().contains(r) || found.owners().contains(r)).orElse(false);
        return Optional.of(new Archive(found.address(), found.name(), found.access().equals("public"),
                found.access().equals("public") || member, reader.map(found.owners()::contains).orElse(false)));
    }

    private List<PostSummary> of(String list) {
        return posts.stream().filter(p -> listOf.get(p).equals(list)).map(Post::summary)
                .sorted(Comparator.comparing(PostSummary::archivedAt)).toList();
    }

    @Override
    public List<MonthCount> months(String list) {
        Map<YearMonth, Integer> counts = new LinkedHashMap<>();
        for (PostSummary p : of(list).reversed()) {
            counts.merge(YearMonth.from(p.archivedAt().atZone(ZoneOffset.UTC)), 1, Integer::sum);
        }
        return counts.entrySet().stream().map(e -> new MonthCount(e.getKey(), e.getValue())).toList();
    }

    @Override
    public List<PostSummary> month(String list, YearMonth month) {
        return of(list).stream().filter(p -> YearMonth.from(p.archivedAt().atZone(ZoneOffset.UTC)).equals(month)).toList();
    }

    @Override
    public Optional<Post> post(String list, String id) {
        return posts.stream().filter(p -> listOf.get(p).equals(list) && p.summary().id().equals(id)).findFirst();
    }

    @Override
    public List<PostSummary> search(String list, String words, int limit) {
        return posts.stream().filter(p -> listOf.get(p).equals(list))
                .filter(p -> new String(p.message(), StandardCharsets.UTF_8).contains(words))
                .map(Post::summary).sorted(Comparator.comparing(PostSummary::archivedAt).reversed()).limit(limit).toList();
    }

    @Override
    public void remove(String list, String id, String owner) {
        if (!lists.get(list).owners().contains(owner)) {
            throw new RefusedException(owner + " is not an owner of " + list + ".");
        }
        Post post = post(list, id).orElseThrow(() -> new NotFoundException("no post " + id));
        posts.remove(post);
        removed.add(id);
    }

    @Override
    public void exportMbox(String list, String owner, OutputStream out) throws IOException {
        if (!lists.get(list).owners().contains(owner)) {
            throw new RefusedException(owner + " is not an owner of " + list + ".");
        }
        for (PostSummary p : of(list)) {
            out.write(("From x " + p.id() + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(post(list, p.id()).orElseThrow().message());
            out.write('\n');
        }
    }
}
