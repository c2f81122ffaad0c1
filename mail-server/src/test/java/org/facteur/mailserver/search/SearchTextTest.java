package org.facteur.mailserver.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void containsIsCaseInsensitiveSubstringWithWhiteSpaceFolded() {
        assertThat(SearchText.contains("asdfghjkl", "SDFGHJK")).isTrue();
        assertThat(SearchText.contains("Beautiful\r\n  World", "eautiful worl")).isTrue();
        assertThat(SearchText.contains("Beautiful world", "worlds")).isFalse();
        assertThat(SearchText.contains("anything", "")).isTrue();
    }

    @Test
    void composedAndDecomposedAccentsAreTheSameLetter() {
        assertThat(SearchText.contains("Cafe\u0301", "CAFÉ")).isTrue();
    }

    @Test
    void aLetterFoldsTheSameWhereverItStands() {
        // Locale-free, context-free folding: a final capital sigma is the same letter as any other.
        assertThat(SearchText.normalize("ΟΔΟΣ")).isEqualTo(SearchText.normalize("οδοσ"));
    }
}
