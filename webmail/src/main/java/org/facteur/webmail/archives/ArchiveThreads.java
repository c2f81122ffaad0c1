package org.facteur.webmail.archives;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.facteur.webmail.archives.ListArchives.PostSummary;

/**
 * A month's posts grouped into threads by their In-Reply-To and References: two posts are in one thread when one names
 * the other, or both name the same message (a thread whose first post is in an earlier month stays one thread). Threads
 * come newest activity first; in a thread, posts come in the order they were archived, each indented under the post it
 * answers when that post is in the month.
 */
final class ArchiveThreads {
    /** Indentation stops here: a long back-and-forth would otherwise walk off the page. */
    static final int MAX_DEPTH = 6;

    /** One thread of the month: its posts in order, each with its depth. */
    record Thread(List<Line> lines) {
        Thread {
            lines = List.copyOf(lines);
        }

        PostSummary first() {
            return lines.getFirst().post();
        }
    }

    record Line(PostSummary post, int depth) {
    }

    private ArchiveThreads() {
    }

    /** @param posts a month's posts, oldest first */
    static List<Thread> of(List<PostSummary> posts) {
        Map<String, String> parent = new HashMap<>();
        for (PostSummary post : posts) {
            String own = key(post);
            find(parent, own);
            for (String ref : related(post)) {
                union(parent, own, ref);
            }
        }
        Map<String, List<PostSummary>> byRoot = new LinkedHashMap<>();
        for (PostSummary post : posts) {
            byRoot.computeIfAbsent(find(parent, key(post)), r -> new ArrayList<>()).add(post);
        }
        List<Thread> threads = new ArrayList<>();
        for (List<PostSummary> members : byRoot.values()) {
            threads.add(new Thread(lines(members)));
        }
        threads.sort(Comparator.comparing((Thread t) -> t.lines().getLast().post().archivedAt()).reversed());
        return threads;
    }

    private static List<Line> lines(List<PostSummary> posts) {
        Map<String, Integer> depths = new HashMap<>();
        List<Line> lines = new ArrayList<>();
        for (PostSummary post : posts) {
            int depth = 0;
            List<String> ancestors = new ArrayList<>(post.references());
            if (!post.inReplyTo().isEmpty()) {
                ancestors.add(post.inReplyTo());
            }
            for (int i = ancestors.size() - 1; i >= 0; i--) {
                Integer d = depths.get(ancestors.get(i));
                if (d != null) {
                    depth = Math.min(MAX_DEPTH, d + 1);
                    break;
                }
            }
            if (!post.messageId().isEmpty()) {
                depths.putIfAbsent(post.messageId(), depth);
            }
            lines.add(new Line(post, depth));
        }
        return lines;
    }

    private static List<String> related(PostSummary post) {
        List<String> related = new ArrayList<>(post.references());
        if (!post.inReplyTo().isEmpty()) {
            related.add(post.inReplyTo());
        }
        return related;
    }

    /** A post without a Message-ID is a thread of its own. */
    private static String key(PostSummary post) {
        return post.messageId().isEmpty() ? "id:" + post.id() : post.messageId();
    }

    private static String find(Map<String, String> parent, String key) {
        String root = key;
        while (true) {
            String up = parent.putIfAbsent(root, root);
            if (up == null || up.equals(root)) {
                break;
            }
            root = up;
        }
        for (String at = key; !at.equals(root);) {
            String up = parent.get(at);
            parent.put(at, root);
            at = up;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }
}
