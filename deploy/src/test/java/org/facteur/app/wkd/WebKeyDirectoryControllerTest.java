package org.facteur.app.wkd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebKeyDirectoryControllerTest {
    @Test
    void theDomainIsTheHostWithoutPortCaseOrTheAdvancedMethodsPrefix() {
        assertThat(WebKeyDirectoryController.domainOf("Example.ORG:8080")).contains("example.org");
        assertThat(WebKeyDirectoryController.domainOf("openpgpkey.example.org")).contains("example.org");
        assertThat(WebKeyDirectoryController.domainOf("mail.example.org")).contains("mail.example.org");
    }

    @Test
    void noUsableHostMeansNoDomain() {
        assertThat(WebKeyDirectoryController.domainOf(null)).isEmpty();
        assertThat(WebKeyDirectoryController.domainOf(" ")).isEmpty();
        assertThat(WebKeyDirectoryController.domainOf("[::1]:8080")).isEmpty();
    }
}
