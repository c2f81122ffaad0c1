package org.facteur.app.lists;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnsubscribePageTest {
    @Test
    void theAddressIsMaskedAndStoredValuesAreEscaped() {
        String page = UnsubscribePage.confirm("<script>alert(1)</script> & co", "team@example.org", "ann.smith@remote.test");
        assertThat(page).contains("a***@remote.test").doesNotContain("ann.smith").doesNotContain("<script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
        assertThat(page).contains("<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">");
    }

    @Test
    void theNotFoundPageNamesNoListAndNoAddress() {
        assertThat(UnsubscribePage.notFound()).doesNotContain("@").contains("not valid");
    }
}
