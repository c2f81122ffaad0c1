package org.facteur.mailserver.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class FileInJunkTest {
    @Test
    void everyRecipientGetsJunkAsTargetFolder() throws Exception {
        FileInJunk mailet = new FileInJunk();
        mailet.init(FakeMailetConfig.builder().mailetName("FileInJunk").build());
        Mail mail = FakeMail.builder().name("m").recipients("alice@example.org", "bob@example.org").build();
        mailet.service(mail);
        for (String user : new String[] {"alice@example.org", "bob@example.org"}) {
            assertThat(StorageDirective.fromMail(Username.of(user), mail).getTargetFolder()).isEqualTo(Optional.of("Junk"));
        }
        assertThat(StorageDirective.fromMail(Username.of("carol@example.org"), mail).getTargetFolder()).isEmpty();
    }
}
