package org.facteur.mailserver.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The ranked query of "best matches": a member's words, never parsed as Lucene syntax. The text is cut into words at
 * every character that is not a letter, digit or apostrophe; each word goes through the English and the French
 * analysers (stems, stop words, French elisions and accents folded), and matches when any of its forms is in a
 * message's subject (weighted {@link #SUBJECT_BOOST} times) or body. A message matching more of the words, more often,
 * in a shorter text, scores higher (BM25); one word's English and French forms are not counted twice.
 */
final class BestMatchQuery {
    /** A word in the subject weighs this many times a word in the body. */
    static final float SUBJECT_BOOST = 3f;
    /** Words of a query beyond these are ignored; characters beyond {@link #MAX_CHARS} too. */
    static final int MAX_WORDS = 32;
    static final int MAX_CHARS = 1_000;

    static final Analyzer ENGLISH = new EnglishAnalyzer();
    /** Lucene's French analyser keeps the accents of short words ("été"); folded here so "ete" finds it. */
    static final Analyzer FRENCH = new AnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
        private final Analyzer french = new FrenchAnalyzer();

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return french;
        }

        @Override
        protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
            return new TokenStreamComponents(components.getSource(), new ASCIIFoldingFilter(components.getTokenStream()));
        }
    };

    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}'’]+");

    private BestMatchQuery() {
    }

    /** The query for {@code words}, or null when they hold no word to look for (empty, punctuation, stop words). */
    static Query of(String words) {
        if (words == null) {
            return null;
        }
        String text = words.length() > MAX_CHARS ? words.substring(0, MAX_CHARS) : words;
        Set<String> seen = new LinkedHashSet<>();
        for (String w : NOT_A_WORD.split(SearchText.normalize(text))) {
            if (!w.isBlank() && seen.size() < MAX_WORDS) {
                seen.add(w.replace('’', '\''));
            }
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        int clauses = 0;
        for (String word : seen) {
            List<Query> forms = new ArrayList<>();
            for (String t : MessageIndex.terms(ENGLISH, word)) {
                forms.add(new BoostQuery(new TermQuery(new Term(MessageIndex.RANK_SUBJECT_EN, t)), SUBJECT_BOOST));
                forms.add(new TermQuery(new Term(MessageIndex.RANK_BODY_EN, t)));
            }
            for (String t : MessageIndex.terms(FRENCH, word)) {
                forms.add(new BoostQuery(new TermQuery(new Term(MessageIndex.RANK_SUBJECT_FR, t)), SUBJECT_BOOST));
                forms.add(new TermQuery(new Term(MessageIndex.RANK_BODY_FR, t)));
            }
            if (!forms.isEmpty()) {
                query.add(new DisjunctionMaxQuery(forms, 0.1f), BooleanClause.Occur.SHOULD);
                clauses++;
            }
        }
        return clauses == 0 ? null : query.build();
    }
}
