package org.facteur.mailserver.imap.sort;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** The two threading algorithms of RFC 5256 §4, on plain values. */
public final class Threading {
    private Threading() {
    }

    public static List<ThreadNode> thread(ThreadAlgorithm algorithm, List<ThreadedMessage> messages) {
        return switch (algorithm) {
            case ORDEREDSUBJECT -> orderedSubject(messages);
            case REFERENCES -> references(messages);
        };
    }

    private static final Comparator<ThreadedMessage> BY_DATE =
            Comparator.comparing(ThreadedMessage::sent).thenComparingLong(ThreadedMessage::order);

    /**
     * ORDEREDSUBJECT: messages grouped by base subject; the earliest of each group is the parent of the others, in
     * date order; the groups in the order of their first message's date.
     */
    static List<ThreadNode> orderedSubject(List<ThreadedMessage> messages) {
        Map<String, List<ThreadedMessage>> bySubject = new LinkedHashMap<>();
        messages.stream().sorted(BY_DATE)
                .forEach(m -> bySubject.computeIfAbsent(m.baseSubject(), s -> new ArrayList<>()).add(m));
        List<ThreadNode> threads = new ArrayList<>();
        for (List<ThreadedMessage> group : bySubject.values()) {
            List<ThreadNode> replies = group.subList(1, group.size()).stream()
                    .map(m -> new ThreadNode(OptionalLong.of(m.id()), List.of())).toList();
            threads.add(new ThreadNode(OptionalLong.of(group.get(0).id()), replies));
        }
        return threads;
    }

    /** REFERENCES: the steps of RFC 5256 §4 (after Jamie Zawinski's algorithm). */
    static List<ThreadNode> references(List<ThreadedMessage> messages) {
        Map<String, Container> byId = new LinkedHashMap<>();
        for (ThreadedMessage m : messages.stream().sorted(Comparator.comparingLong(ThreadedMessage::order)).toList()) {
            link(byId, m);
        }
        List<Container> roots = new ArrayList<>();
        for (Container c : byId.values()) {
            if (c.parent == null) {
                roots.add(c);
            }
        }
        roots = prune(roots);
        sortTree(roots);
        roots = gatherBySubject(roots);
        sortTree(roots);
        Map<Container, ThreadNode> nodes = new IdentityHashMap<>();
        for (Container c : childrenFirst(roots)) {
            nodes.put(c, new ThreadNode(c.message == null ? OptionalLong.empty() : OptionalLong.of(c.message.id()),
                    c.children.stream().map(nodes::get).toList()));
        }
        return roots.stream().map(nodes::get).toList();
    }

    /** Step 1: link the message's references as a chain, then the message under the last one. */
    private static void link(Map<String, Container> byId, ThreadedMessage m) {
        String id = m.messageId().filter(i -> !byId.containsKey(i) || byId.get(i).message == null)
                .orElse("\0unique-" + m.order());
        Container self = byId.computeIfAbsent(id, Container::new);
        self.message = m;
        Container previous = null;
        for (String reference : m.references()) {
            Container r = byId.computeIfAbsent(reference, Container::new);
            if (previous != null && r.parent == null && !wouldLoop(previous, r)) {
                previous.adopt(r);
            }
            previous = r;
        }
        if (self.parent != null) {
            self.parent.children.remove(self);
            self.parent = null;
        }
        if (previous != null && !wouldLoop(previous, self)) {
            previous.adopt(self);
        }
    }

    /** True when making {@code child} a child of {@code parent} closes a loop. */
    private static boolean wouldLoop(Container parent, Container child) {
        for (Container c = parent; c != null; c = c.parent) {
            if (c == child) {
                return true;
            }
        }
        return false;
    }

    /**
     * Step 3: placeholders without children go; a placeholder's children take its place, except that several
     * children do not move up to the root. Children are pruned before their parents; no recursion, so a chain of
     * thousands of replies costs no stack.
     */
    private static List<Container> prune(List<Container> roots) {
        for (Container c : childrenFirst(roots)) {
            List<Container> kept = new ArrayList<>();
            for (Container child : c.children) {
                kept.addAll(prunedInPlaceOf(child, false));
            }
            c.children = kept;
            kept.forEach(child -> child.parent = c);
        }
        List<Container> kept = new ArrayList<>();
        for (Container root : roots) {
            kept.addAll(prunedInPlaceOf(root, true));
        }
        return kept;
    }

    /** What stands in a pruned level for a container whose own children are pruned already. */
    private static List<Container> prunedInPlaceOf(Container c, boolean root) {
        if (c.message == null && (c.children.isEmpty() || !root || c.children.size() == 1)) {
            return c.children;
        }
        return List.of(c);
    }

    /** Steps 4 and 6: every level by sent date; a placeholder counts with its first child's date. */
    private static void sortTree(List<Container> roots) {
        Comparator<Container> bySent = Comparator.comparing((Container c) -> c.first().sent())
                .thenComparingLong(c -> c.first().order());
        for (Container c : childrenFirst(roots)) {
            c.children.sort(bySent);
        }
        roots.sort(bySent);
    }

    /** Every container below these roots and the roots, each after all of its descendants. */
    private static List<Container> childrenFirst(List<Container> roots) {
        List<Container> parentsFirst = new ArrayList<>();
        Deque<Container> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Container c = todo.pop();
            parentsFirst.add(c);
            c.children.forEach(todo::push);
        }
        return parentsFirst.reversed();
    }

    /** Step 5: threads whose roots share a base subject are put together. */
    private static List<Container> gatherBySubject(List<Container> roots) {
        Map<String, Container> table = new HashMap<>();
        for (Container c : roots) {
            String subject = c.first().baseSubject();
            if (subject.isEmpty()) {
                continue;
            }
            Container old = table.get(subject);
            if (old == null || (old.message != null && (c.message == null
                    || (old.message.replyOrForward() && !c.message.replyOrForward())))) {
                table.put(subject, c);
            }
        }
        List<Container> result = new ArrayList<>(roots);
        for (Container c : roots) {
            String subject = c.first().baseSubject();
            Container t = table.get(subject);
            if (subject.isEmpty() || t == null || t == c) {
                continue;
            }
            result.remove(c);
            if (t.message == null && c.message == null) {
                c.children.forEach(t::adopt);
            } else if (t.message == null) {
                t.adopt(c);
            } else if (c.message != null && c.message.replyOrForward() && !t.message.replyOrForward()) {
                t.adopt(c);
            } else {
                Container placeholder = new Container("\0subject-" + subject);
                result.set(result.indexOf(t), placeholder);
                placeholder.adopt(t);
                placeholder.adopt(c);
                table.put(subject, placeholder);
            }
        }
        return result;
    }

    /** A message, or a placeholder for one that is referred to but not there, with its place in the tree. */
    private static final class Container {
        final String id;
        ThreadedMessage message;
        Container parent;
        List<Container> children = new ArrayList<>();

        Container(String id) {
            this.id = id;
        }

        void adopt(Container child) {
            child.parent = this;
            children.add(child);
        }

        /** The message itself, or the first one below a placeholder (children are sorted first). */
        ThreadedMessage first() {
            Container c = this;
            while (c.message == null) {
                c = c.children.get(0);
            }
            return c.message;
        }
    }
}
