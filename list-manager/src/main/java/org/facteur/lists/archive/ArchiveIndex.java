package org.facteur.lists.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.store.ArchiveEntry;
import org.facteur.lists.store.ArchiveStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archives' full-text index (Apache Lucene), in its own directory, for every list at once: each document carries
 * its list, and every search is scoped to one list.
 *
 * <p>Languages: lists of an association write French or English, often both in one thread, and a post says nothing
 * reliable about its language. Rather than guess it, the subject and the body are indexed twice, once through Lucene's
 * {@link EnglishAnalyzer} and once through its {@link FrenchAnalyzer} (elisions, accents, light stemming: "réunions"
 * is found by "reunion" or "réunion"), and each searched word may match either. The cost is an index about twice as
 * large; the gain is no wrong guess. The sender (From) is indexed once, with the {@link StandardAnalyzer}.
 *
 * <p>Each {@link #add} and {@link #remove} is committed before it returns, so a post is searchable as soon as it is
 * archived and survives a crash. The store is the truth: when the index is missing or cannot be opened,
 * {@link #open(Path, ArchiveStore)} rebuilds it from the store (also when its count of posts differs from the store's);
 * {@link #rebuild(ArchiveStore)} does so on demand.
 */
public final class ArchiveIndex implements AutoCloseable {
    /** The most post ids one search returns: pages of results, not the whole archive. */
    public static final int MAX_HITS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveIndex.class);
    private static final String ID = "id";
    private static final String LIST = "list";
    private static final String ARCHIVED = "archived";
    private static final String FROM = "from";
    private static final String SUBJECT_EN = "subject_en";
    private static final String SUBJECT_FR = "subject_fr";
    private static final String BODY_EN = "body_en";
    private static final String BODY_FR = "body_fr";
    private static final List<String> SEARCHED = List.of(SUBJECT_EN, SUBJECT_FR, BODY_EN, BODY_FR, FROM);
    private static final Sort NEWEST_FIRST = new Sort(new SortField(ARCHIVED, SortField.Type.LONG, true));

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final QueryBuilder queries;

    private ArchiveIndex(Directory directory, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        this.queries = new QueryBuilder(writer.getAnalyzer());
    }

    /**
     * Opens the index in {@code dir}, made from {@code store} when there is none yet, when the one there cannot be
     * opened (a broken index is deleted, not repaired: the store holds every post) or when it does not hold as many
     * posts as the store (a crash between the store's write and the index's commit). The count is a cheap check, not a
     * proof: a post added and another removed while the index was away go unnoticed until {@link #rebuild}.
     */
    public static ArchiveIndex open(Path dir, ArchiveStore store) {
        try {
            Files.createDirectories(dir);
            if (indexExists(dir)) {
                try {
                    ArchiveIndex index = create(dir, IndexWriterConfig.OpenMode.APPEND);
                    long indexed = index.writer.getDocStats().numDocs;
                    long stored = store.count();
                    if (indexed != stored) { // a crash between the store and the index, a restored database
                        LOG.warn("The archive index in {} holds {} posts, the store {}; it is rebuilt", dir, indexed, stored);
                        index.rebuild(store);
                    }
                    return index;
                } catch (IOException | RuntimeException broken) {
                    LOG.warn("The archive index in {} cannot be opened ({}); it is rebuilt from the store", dir, broken.toString());
                    deleteContents(dir);
                }
            }
            ArchiveIndex index = create(dir, IndexWriterConfig.OpenMode.CREATE);
            index.rebuild(store);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the archive index in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean indexExists(Path dir) throws IOException {
        try (Directory directory = FSDirectory.open(dir)) {
            return DirectoryReader.indexExists(directory);
        }
    }

    private static ArchiveIndex create(Path dir, IndexWriterConfig.OpenMode mode) throws IOException {
        Directory directory = FSDirectory.open(dir);
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer()).setOpenMode(mode);
            return new ArchiveIndex(directory, new IndexWriter(directory, config));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    private static Analyzer analyzer() {
        Analyzer english = new EnglishAnalyzer();
        Analyzer french = new FrenchAnalyzer();
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(),
                Map.of(SUBJECT_EN, english, BODY_EN, english, SUBJECT_FR, french, BODY_FR, french));
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.equals(dir)) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Indexes an archived post (its bytes as the store keeps them) and commits. */
    public void add(ArchiveEntry entry, byte[] message) {
        try {
            writer.updateDocument(new Term(ID, entry.id()), document(entry, message));
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot index the archived post " + entry.id() + ": " + e.getMessage(), e);
        }
    }

    /** Forgets a post and commits; a post that was not indexed is no error. */
    public void remove(String id) {
        try {
            writer.deleteDocuments(new Term(ID, id));
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the archived post " + id + " from the index: " + e.getMessage(), e);
        }
    }

    /** Replaces the whole index with the posts of the store, committed once at the end. */
    public void rebuild(ArchiveStore store) {
        try {
            writer.deleteAll();
            long count = 0;
            for (String list : store.lists()) {
                long[] listed = {0};
                store.each(list, post -> {
                    writer.addDocument(document(post.entry(), post.message()));
                    listed[0]++;
                });
                count += listed[0];
            }
            commit();
            LOG.info("The archive index holds {} posts, rebuilt from the store", count);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot rebuild the archive index: " + e.getMessage(), e);
        }
    }

    private void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    private static Document document(ArchiveEntry entry, byte[] message) {
        String body = PostText.of(MailComposer.parse(message));
        Document doc = new Document();
        doc.add(new StringField(ID, entry.id(), Field.Store.YES));
        doc.add(new StringField(LIST, entry.list(), Field.Store.NO));
        doc.add(new NumericDocValuesField(ARCHIVED, entry.archivedAt().toEpochMilli()));
        doc.add(new TextField(FROM, entry.from(), Field.Store.NO));
        doc.add(new TextField(SUBJECT_EN, entry.subject(), Field.Store.NO));
        doc.add(new TextField(SUBJECT_FR, entry.subject(), Field.Store.NO));
        doc.add(new TextField(BODY_EN, body, Field.Store.NO));
        doc.add(new TextField(BODY_FR, body, Field.Store.NO));
        return doc;
    }

    /**
     * The ids of the list's posts that contain every word of {@code words} (each in the subject, the body or the
     * sender, in English or French form), newest first, at most {@code limit} (and never more than {@link #MAX_HITS}).
     * A word that no analyzer keeps (punctuation) is ignored; a search with no word left finds nothing. A stop word of
     * one language is still a word of the other ("the" is searched in the French fields), so it narrows the hits.
     */
    public List<String> search(String list, String words, int limit) {
        Query query = query(list, words);
        if (query == null) {
            return List.of();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(query, Math.max(1, Math.min(limit, MAX_HITS)), NEWEST_FIRST);
                List<String> ids = new ArrayList<>(top.scoreDocs.length);
                var stored = searcher.storedFields();
                for (ScoreDoc hit : top.scoreDocs) {
                    ids.add(stored.document(hit.doc).get(ID));
                }
                return ids;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search the archive of " + list + ": " + e.getMessage(), e);
        }
    }

    private Query query(String list, String words) {
        BooleanQuery.Builder all = new BooleanQuery.Builder().add(new TermQuery(new Term(LIST, list)), Occur.FILTER);
        boolean anyWord = false;
        for (String word : words.strip().split("\\s+")) {
            BooleanQuery.Builder anyField = new BooleanQuery.Builder();
            boolean matchable = false;
            for (String field : SEARCHED) {
                Query inField = queries.createBooleanQuery(field, word, Occur.MUST);
                if (inField != null) {
                    anyField.add(inField, Occur.SHOULD);
                    matchable = true;
                }
            }
            if (matchable) {
                all.add(anyField.build(), Occur.MUST);
                anyWord = true;
            }
        }
        return anyWord ? all.build() : null;
    }

    @Override
    public void close() throws IOException {
        try (directory; writer; searchers) {
            // closes the searchers, then the writer (which commits nothing more: every change was committed), then the directory
        }
    }
}
