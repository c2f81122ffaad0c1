package org.facteur.mailserver.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene side of search: one document per message of a mailbox (key: mailbox id and UID), holding the message's
 * {@link MessageText} as stored fields and its trigrams as indexed terms. The index only narrows the messages to look
 * at: a string key's trigrams select the candidates, and every candidate is then checked exactly against its text.
 * Flags, UIDs and dates are never read from here, so flag changes cost the index nothing.
 */
final class MessageIndex implements Closeable {
    static final String MAILBOX = "mb";
    static final String KEY = "key";
    static final String UID = "uid";
    /**
     * A 64-bit hash of the store's message id: a document whose id differs from the store's is not that message's
     * (a replaced or restored store), and is indexed again.
     */
    static final String MESSAGE_ID = "midh";
    static final String HEADER = "h";
    static final String BODY = "b";
    static final String ATTACHMENT_TEXT = "a";
    static final String ATTACHMENT_NAME = "n";
    static final String HAS_ATTACHMENT = "x";
    /** Trigram fields: body, header block, attachment text, attachment names. */
    static final String GRAMS_BODY = "tb";
    static final String GRAMS_HEADERS = "th";
    static final String GRAMS_ATTACHMENTS = "ta";
    static final String GRAMS_NAMES = "tn";
    /**
     * Ranking fields ("best matches", {@link BestMatchQuery}): the subject and the body text analysed for English and
     * for French (stems, stop words; French accents folded). Frequencies and norms are kept for BM25; positions are
     * not (no phrase search), which keeps them small.
     */
    static final String RANK_SUBJECT_EN = "rse";
    static final String RANK_BODY_EN = "rbe";
    static final String RANK_SUBJECT_FR = "rsf";
    static final String RANK_BODY_FR = "rbf";

    private static final FieldType GRAMS = new FieldType();

    static {
        GRAMS.setIndexOptions(IndexOptions.DOCS);
        GRAMS.setTokenized(true);
        GRAMS.setStored(false);
        GRAMS.setOmitNorms(true);
        GRAMS.freeze();
    }

    private static final FieldType RANKED = new FieldType();

    static {
        RANKED.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        RANKED.setTokenized(true);
        RANKED.setStored(false);
        RANKED.freeze();
    }

    static final Analyzer TRIGRAMS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            return new TokenStreamComponents(new NGramTokenizer(3, 3));
        }
    };

    /** Trigrams by default, the language analysers on the ranking fields. */
    private static final Analyzer ANALYZERS = new PerFieldAnalyzerWrapper(TRIGRAMS, Map.of(
            RANK_SUBJECT_EN, BestMatchQuery.ENGLISH, RANK_BODY_EN, BestMatchQuery.ENGLISH,
            RANK_SUBJECT_FR, BestMatchQuery.FRENCH, RANK_BODY_FR, BestMatchQuery.FRENCH));

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    /**
     * What the documents' text holds, kept in the index's commit data: 1 (no mark) without the text of PDF and office
     * attachments, 2 with it, 3 with the ranking fields of "best matches" (English and French). An index of an older version is emptied at open, in the same commit that marks it
     * current; the start's reconciliation then indexes every message again in the background (search reads them
     * from the store meanwhile). A crash before that commit leaves the old index and its old mark: done again.
     */
    static final int TEXT_VERSION = 3;
    private static final String TEXT_VERSION_KEY = "facteur.text";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MessageIndex.class);

    /** The version the index held when opened. */
    private final int textVersion;

    MessageIndex(Path dir) throws IOException {
        this.directory = FSDirectory.open(dir);
        boolean existed = DirectoryReader.indexExists(directory);
        this.textVersion = existed ? textVersion(directory) : TEXT_VERSION;
        IndexWriterConfig config = new IndexWriterConfig(ANALYZERS)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(16)
                .setCommitOnClose(true);
        this.writer = new IndexWriter(directory, config);
        if (textVersion < TEXT_VERSION) {
            LOG.info("The search index holds text of version {}: emptied, every message is indexed again for version {}"
                    + " in the background (search stays exact meanwhile)", textVersion, TEXT_VERSION);
            writer.deleteAll();
        }
        if (!existed || textVersion < TEXT_VERSION) {
            writer.setLiveCommitData(Map.of(TEXT_VERSION_KEY, Integer.toString(TEXT_VERSION)).entrySet());
            writer.commit(); // later commits keep this commit data
        }
        this.searchers = new SearcherManager(writer, null);
    }

    /** The version of the text the index held when opened ({@link #TEXT_VERSION} for a new one). */
    int textVersionAtOpen() {
        return textVersion;
    }

    /** The version of the text the index's last commit says it holds. */
    static int textVersion(Directory directory) throws IOException {
        String written = SegmentInfos.readLatestCommit(directory).getUserData().get(TEXT_VERSION_KEY);
        return written == null ? 1 : Integer.parseInt(written);
    }

    static String key(String mailboxId, long uid) {
        return mailboxId + "/" + uid;
    }

    void put(String mailboxId, long uid, String messageId, MessageText text) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(MAILBOX, mailboxId, Field.Store.YES)); // stored: a best match names its mailbox
        doc.add(new StringField(KEY, key(mailboxId, uid), Field.Store.NO));
        doc.add(new NumericDocValuesField(UID, uid));
        doc.add(new NumericDocValuesField(MESSAGE_ID, idHash(messageId)));
        for (MessageText.Header h : text.headers()) {
            doc.add(new StoredField(HEADER, h.name() + '\u0000' + h.value()));
        }
        doc.add(new StoredField(BODY, text.body()));
        if (!text.attachmentText().isEmpty()) {
            doc.add(new StoredField(ATTACHMENT_TEXT, text.attachmentText()));
        }
        for (String name : text.attachmentNames()) {
            doc.add(new StoredField(ATTACHMENT_NAME, name));
        }
        doc.add(new StoredField(HAS_ATTACHMENT, text.hasAttachment() ? 1 : 0));
        doc.add(new Field(GRAMS_BODY, text.body(), GRAMS));
        doc.add(new Field(GRAMS_HEADERS, headerGrams(text), GRAMS));
        if (!text.attachmentText().isEmpty()) {
            doc.add(new Field(GRAMS_ATTACHMENTS, text.attachmentText(), GRAMS));
        }
        for (String name : text.attachmentNames()) {
            doc.add(new Field(GRAMS_NAMES, SearchText.normalize(name), GRAMS));
        }
        String subject = text.first("Subject").orElse("");
        doc.add(new Field(RANK_SUBJECT_EN, subject, RANKED));
        doc.add(new Field(RANK_SUBJECT_FR, subject, RANKED));
        doc.add(new Field(RANK_BODY_EN, text.body(), RANKED));
        doc.add(new Field(RANK_BODY_FR, text.body(), RANKED));
        writer.updateDocument(new Term(KEY, key(mailboxId, uid)), doc);
    }

    /** The header text whose trigrams are indexed: every "Name: value" line and each address list as rendered. */
    static String headerGrams(MessageText text) {
        StringBuilder b = new StringBuilder(text.headerBlock());
        for (MessageText.Header h : text.headers()) {
            if (isAddressHeader(h.name())) {
                b.append(SearchCriteria.renderAddresses(h.value())).append('\n');
            }
        }
        return SearchText.normalize(b.toString());
    }

    private static boolean isAddressHeader(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "from", "to", "cc", "bcc", "sender", "reply-to" -> true;
            default -> false;
        };
    }

    static long idHash(String messageId) {
        byte[] b = messageId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ((long) org.apache.lucene.util.StringHelper.murmurhash3_x86_32(b, 0, b.length, 0x9747b28c) << 32)
                ^ (org.apache.lucene.util.StringHelper.murmurhash3_x86_32(b, 0, b.length, 0x5bd1e995) & 0xffffffffL);
    }

    void delete(String mailboxId, Collection<Long> uids) throws IOException {
        Term[] keys = uids.stream().map(uid -> new Term(KEY, key(mailboxId, uid))).toArray(Term[]::new);
        if (keys.length > 0) {
            writer.deleteDocuments(keys);
        }
    }

    void deleteMailbox(String mailboxId) throws IOException {
        writer.deleteDocuments(new Term(MAILBOX, mailboxId));
    }

    /** Makes what was written visible to the next {@link #open} (near-real-time: no commit needed). */
    void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Makes what was written durable. */
    void commit() throws IOException {
        if (writer.hasUncommittedChanges()) {
            writer.commit();
        }
    }

    /** The mailbox ids that have documents. */
    Set<String> mailboxes() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Set<String> ids = new HashSet<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(MAILBOX);
                if (terms == null) {
                    continue;
                }
                TermsEnum e = terms.iterator();
                BytesRef t;
                while ((t = e.next()) != null) {
                    ids.add(t.utf8ToString());
                }
            }
            return ids;
        } finally {
            searchers.release(searcher);
        }
    }

    /** A message found by {@link #rank}: where it is, how well it matches, its decoded Subject and From. */
    record Ranked(String mailboxId, long uid, long messageIdHash, float score, String subject, String from) {
    }

    /**
     * The {@code limit} documents of the given mailboxes that best match {@code query} (a {@link BestMatchQuery}),
     * best first. Only these mailboxes' documents are ever scored.
     */
    List<Ranked> rank(Collection<String> mailboxIds, Query query, int limit) throws IOException {
        if (mailboxIds.isEmpty() || limit <= 0) {
            return List.of();
        }
        Query mine = new TermInSetQuery(MAILBOX, mailboxIds.stream().map(BytesRef::new).toList());
        Query q = new BooleanQuery.Builder()
                .add(mine, BooleanClause.Occur.FILTER)
                .add(query, BooleanClause.Occur.MUST)
                .build();
        IndexSearcher searcher = searchers.acquire();
        try {
            StoredFields stored = searcher.storedFields();
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            List<Ranked> found = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(q, limit).scoreDocs) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
                NumericDocValues uids = DocValues.getNumeric(leaf.reader(), UID);
                NumericDocValues mids = DocValues.getNumeric(leaf.reader(), MESSAGE_ID);
                int local = hit.doc - leaf.docBase;
                if (!uids.advanceExact(local) || !mids.advanceExact(local)) {
                    continue;
                }
                Document d = stored.document(hit.doc, Set.of(MAILBOX, HEADER));
                String subject = "";
                String from = "";
                for (String h : d.getValues(HEADER)) {
                    int sep = h.indexOf('\u0000');
                    String name = h.substring(0, sep);
                    if (subject.isEmpty() && name.equalsIgnoreCase("Subject")) {
                        subject = h.substring(sep + 1);
                    } else if (from.isEmpty() && name.equalsIgnoreCase("From")) {
                        from = h.substring(sep + 1);
                    }
                }
                found.add(new Ranked(d.get(MAILBOX), uids.longValue(), mids.longValue(), hit.score, subject, from));
            }
            return found;
        } finally {
            searchers.release(searcher);
        }
    }

    /** A consistent view of one mailbox's documents; close it when done. */
    View open(String mailboxId) throws IOException {
        return new View(mailboxId, searchers.acquire());
    }

    /** The trigram query that every text containing {@code key} matches in {@code field}, or null if it has none. */
    static Query grams(String field, String key) {
        Set<String> grams = new LinkedHashSet<>(terms(TRIGRAMS, SearchText.normalize(key)));
        if (grams.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String g : grams) {
            b.add(new TermQuery(new Term(field, g)), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    /** The terms {@code analyzer} makes of {@code text}, in order. */
    static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    final class View implements Closeable {
        private final String mailboxId;
        private final IndexSearcher searcher;
        private final StoredFields stored;
        private final Map<Long, Integer> docs;
        private final Map<Long, Long> messageIds = new HashMap<>();

        private View(String mailboxId, IndexSearcher searcher) throws IOException {
            this.mailboxId = mailboxId;
            this.searcher = searcher;
            this.stored = searcher.storedFields();
            this.docs = collect(new TermQuery(new Term(MAILBOX, mailboxId)), messageIds);
        }

        /** The UIDs of the mailbox's messages that are in the index. */
        Set<Long> indexed() {
            return docs.keySet();
        }

        /** True when the index holds this message: its UID, with the store's message id. */
        boolean holds(long uid, String messageId) {
            Long hash = messageIds.get(uid);
            return hash != null && hash == idHash(messageId);
        }

        /** The UIDs of the mailbox's indexed messages that {@code candidates} selects. */
        Set<Long> candidates(Query candidates) throws IOException {
            BooleanQuery q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(MAILBOX, mailboxId)), BooleanClause.Occur.FILTER)
                    .add(candidates, BooleanClause.Occur.FILTER)
                    .build();
            return collect(q, null).keySet();
        }

        /** The text of an indexed message, or null when it is not in the index. */
        MessageText text(long uid) {
            Integer doc = docs.get(uid);
            if (doc == null) {
                return null;
            }
            try {
                Document d = stored.document(doc);
                List<MessageText.Header> headers = new ArrayList<>();
                for (String h : d.getValues(HEADER)) {
                    int sep = h.indexOf('\u0000');
                    headers.add(new MessageText.Header(h.substring(0, sep), h.substring(sep + 1)));
                }
                String attachments = d.get(ATTACHMENT_TEXT);
                var has = d.getField(HAS_ATTACHMENT);
                return new MessageText(headers, d.get(BODY) == null ? "" : d.get(BODY),
                        attachments == null ? "" : attachments, List.of(d.getValues(ATTACHMENT_NAME)),
                        has != null && has.numericValue().intValue() == 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Map<Long, Integer> collect(Query query, Map<Long, Long> ids) throws IOException {
            Map<Long, Integer> found = new HashMap<>();
            searcher.search(query, new SimpleCollector() {
                private NumericDocValues uids;
                private NumericDocValues mids;
                private int base;

                @Override
                protected void doSetNextReader(LeafReaderContext context) throws IOException {
                    uids = DocValues.getNumeric(context.reader(), UID);
                    mids = ids == null ? null : DocValues.getNumeric(context.reader(), MESSAGE_ID);
                    base = context.docBase;
                }

                @Override
                public void collect(int doc) throws IOException {
                    if (uids.advanceExact(doc)) {
                        found.put(uids.longValue(), base + doc);
                        if (mids != null && mids.advanceExact(doc)) {
                            ids.put(uids.longValue(), mids.longValue());
                        }
                    }
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
            return found;
        }

        @Override
        public void close() throws IOException {
            searchers.release(searcher);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
            writer.close();
        } finally {
            directory.close();
        }
    }
}
