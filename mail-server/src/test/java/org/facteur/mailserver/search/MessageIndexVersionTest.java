package org.facteur.mailserver.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An index written before attachments' text or the ranking fields is emptied once (and indexed again); a current one is kept. */
class MessageIndexVersionTest {
    @TempDir
    Path dir;

    private static MessageText text(String body) {
        return new MessageText(List.of(new MessageText.Header("Subject", "s")), body, "", List.of(), false);
    }

    @Test
    void aCurrentIndexKeepsItsDocumentsAcrossRestarts() throws Exception {
        try (MessageIndex index = new MessageIndex(dir)) {
            assertThat(index.textVersionAtOpen()).isEqualTo(MessageIndex.TEXT_VERSION);
            index.put("mb1", 1, "m1", text("kept"));
            index.commit();
        }
        for (int restart = 0; restart < 2; restart++) {
            try (MessageIndex index = new MessageIndex(dir)) {
                assertThat(index.textVersionAtOpen()).isEqualTo(MessageIndex.TEXT_VERSION);
                assertThat(index.mailboxes()).containsExactly("mb1");
                index.put("mb1", 2 + restart, "m" + (2 + restart), text("more")); // a later commit keeps the mark
                index.commit();
            }
        }
    }

    @Test
    void anIndexOfTheOldTextIsEmptiedOnceAndMarkedCurrent() throws Exception {
        writeOldIndex(Map.of()); // no commit data: what the index before attachments' text wrote
        try (MessageIndex index = new MessageIndex(dir)) {
            assertThat(index.textVersionAtOpen()).isEqualTo(1);
            assertThat(index.mailboxes()).isEmpty();
            index.put("mb1", 1, "m1", text("with documents"));
        }
        try (Directory d = FSDirectory.open(dir)) {
            assertThat(MessageIndex.textVersion(d)).isEqualTo(MessageIndex.TEXT_VERSION);
        }
        try (MessageIndex index = new MessageIndex(dir)) {
            assertThat(index.textVersionAtOpen()).isEqualTo(MessageIndex.TEXT_VERSION);
            assertThat(index.mailboxes()).containsExactly("mb1");
        }
    }

    @Test
    void anIndexWithoutTheRankingFieldsIsEmptiedOnce() throws Exception {
        writeOldIndex(Map.of("facteur.text", "2")); // attachments' text, no ranking fields
        try (MessageIndex index = new MessageIndex(dir)) {
            assertThat(index.textVersionAtOpen()).isEqualTo(2);
            assertThat(index.mailboxes()).isEmpty();
        }
        try (Directory d = FSDirectory.open(dir)) {
            assertThat(MessageIndex.textVersion(d)).isEqualTo(3);
        }
    }

    /** An index of one document of mailbox mb1, as an older version wrote it, with this commit data. */
    private void writeOldIndex(Map<String, String> commitData) throws Exception {
        try (Directory d = FSDirectory.open(dir); IndexWriter old = new IndexWriter(d, new IndexWriterConfig(MessageIndex.TRIGRAMS))) {
            Document doc = new Document();
            doc.add(new StringField(MessageIndex.MAILBOX, "mb1", Field.Store.NO));
            doc.add(new StringField(MessageIndex.KEY, MessageIndex.key("mb1", 1), Field.Store.NO));
            old.addDocument(doc);
            if (!commitData.isEmpty()) {
                old.setLiveCommitData(commitData.entrySet());
            }
            old.commit();
        }
    }
}
