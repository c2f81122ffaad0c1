package org.facteur.mailserver.imap.sort;

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
        id.ifPresent(out::append);
        if (children.size() == 1) {
            if (id.isPresent()) {
                out.append(' ');
            }
            children.get(0).writeTo(out);
        } else if (children.size() > 1) {
            if (id.isPresent()) {
                out.append(' ');
            }
            for (ThreadNode child : children) {
                out.append('(');
                child.writeTo(out);
                out.append(')');
            }
        }
    }
}
