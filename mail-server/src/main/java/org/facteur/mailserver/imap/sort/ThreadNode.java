package org.facteur.mailserver.imap.sort;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;

/** One node of a THREAD answer: a message, or a placeholder (no id) for a message that is not there; its replies. */
public record ThreadNode(OptionalLong id, List<ThreadNode> children) {
    public ThreadNode {
        children = List.copyOf(children);
    }

    static ThreadNode of(long id, ThreadNode... children) {
        return new ThreadNode(OptionalLong.of(id), List.of(children));
    }

    static ThreadNode placeholder(ThreadNode... children) {
        return new ThreadNode(OptionalLong.empty(), List.of(children));
    }

    /**
     * RFC 5256's thread-list syntax: a message followed by its only reply is {@code 1 2}, by several
     * {@code 1 (2)(3)}; a placeholder writes only its replies. The caller writes the outer parentheses.
     */
    void writeTo(StringBuilder out) {
        Deque<Object> todo = new ArrayDeque<>(); // nodes still to write and the parentheses between them
        todo.push(this);
        while (!todo.isEmpty()) {
            Object next = todo.pop();
            if (!(next instanceof ThreadNode node)) {
                out.append(next);
                continue;
            }
            node.id.ifPresent(out::append);
            if (node.children.isEmpty()) {
                continue;
            }
            if (node.id.isPresent()) {
                out.append(' ');
            }
            if (node.children.size() == 1) {
                todo.push(node.children.get(0));
            } else {
                for (ThreadNode child : node.children.reversed()) {
                    todo.push(')');
                    todo.push(child);
                    todo.push('(');
                }
            }
        }
    }
}
