package org.facteur.app.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Preset;
import org.junit.jupiter.api.Test;

class UnsubscribePageTest {
    private static MailingList team(Locale language) {
        return MailingList.of("team@example.org", Preset.DISCUSSION, language, 1000);
    }

    @Test
    void theAddressIsMaskedAndStoredValuesAreEscaped() {
        String page = UnsubscribePage.confirm(team(Locale.ENGLISH).withName("<script>alert(1)</script> & co"), "ann.smith@remote.test");
        assertThat(page).contains("a***@remote.test").doesNotContain("ann.smith").doesNotContain("<script>")
                .contains("<h1>Unsubscribe from &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>");
        assertThat(page).contains("<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">Unsubscribe</button></form>");
    }

    @Test
    void pagesAreInTheListsLanguage() {
        assertThat(UnsubscribePage.confirm(team(Locale.FRENCH), "ann@remote.test")).contains("<html lang=\"fr\">")
                .contains("<h1>Se désabonner de team</h1>").contains("a***@remote.test ne recevra plus les messages de la liste team");
        assertThat(UnsubscribePage.result(team(Locale.FRENCH), "ann@remote.test", true)).contains("<h1>Désabonnement effectué</h1>")
                .contains("message d'au revoir");
        assertThat(UnsubscribePage.result(team(Locale.ENGLISH), "ann@remote.test", false)).contains("<h1>Request sent</h1>")
                .contains("they were asked to remove a***@remote.test");
    }

    @Test
    void theNotFoundPageNamesNoListAndNoAddress() {
        assertThat(UnsubscribePage.notFound()).doesNotContain("@").contains("not valid");
    }
}
