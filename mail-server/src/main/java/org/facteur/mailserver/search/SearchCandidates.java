package org.facteur.mailserver.search;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.Criterion;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * Turns a search criterion into the trigram query that selects a superset of its matches among indexed messages, or
 * null when the criterion cannot narrow them (no string key of three characters or more, or a negation). Every string
 * key that matches a text has all its trigrams in that text's field, so no match is ever left out; the exact check
 * afterwards removes the rest.
 */
final class SearchCandidates {
    private SearchCandidates() {
    }

    static Query of(Criterion c) {
        if (c instanceof SearchQuery.TextCriterion t) {
            String key = t.getOperator().getValue();
            return switch (t.getType()) {
                case BODY -> MessageIndex.grams(MessageIndex.GRAMS_BODY, key);
                case FULL -> or(java.util.Arrays.asList(MessageIndex.grams(MessageIndex.GRAMS_BODY, key),
                        MessageIndex.grams(MessageIndex.GRAMS_HEADERS, key)));
                case ATTACHMENTS -> MessageIndex.grams(MessageIndex.GRAMS_ATTACHMENTS, key);
                case ATTACHMENT_FILE_NAME -> MessageIndex.grams(MessageIndex.GRAMS_NAMES, key);
            };
        }
        if (c instanceof SearchQuery.SubjectCriterion s) {
            return of(s.asHeaderCriterion());
        }
        if (c instanceof SearchQuery.MimeMessageIDCriterion id) {
            return of(id.asHeaderCriterion());
        }
        if (c instanceof SearchQuery.HeaderCriterion h) {
            if (h.getOperator() instanceof SearchQuery.ContainsOperator contains) {
                return MessageIndex.grams(MessageIndex.GRAMS_HEADERS, contains.getValue());
            }
            if (h.getOperator() instanceof SearchQuery.AddressOperator address) {
                return MessageIndex.grams(MessageIndex.GRAMS_HEADERS, address.getAddress());
            }
            return null;
        }
        if (c instanceof SearchQuery.ConjunctionCriterion conj) {
            List<Query> children = new ArrayList<>();
            for (Criterion child : conj.getCriteria()) {
                children.add(of(child));
            }
            return switch (conj.getType()) {
                case AND -> and(children);
                case OR -> or(children);
                case NOR -> null;
            };
        }
        return null;
    }

    private static Query and(List<Query> children) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int n = 0;
        for (Query q : children) {
            if (q != null) {
                b.add(q, BooleanClause.Occur.FILTER);
                n++;
            }
        }
        return n == 0 ? null : b.build();
    }

    private static Query or(List<Query> children) {
        if (children.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Query q : children) {
            if (q == null) {
                return null;
            }
            b.add(q, BooleanClause.Occur.SHOULD);
        }
        return b.setMinimumNumberShouldMatch(1).build();
    }
}
