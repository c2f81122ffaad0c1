package org.facteur.mailserver.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.server.core.MailImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reactor.core.publisher.Flux;

class RemovedQueuesTest {
    @TempDir
    Path root;

    private FileMailQueueFactory factory() {
        return new FileMailQueueFactory(root, new RawMailQueueItemDecoratorFactory(), new RecordingMetricFactory(),
                new NoopGaugeRegistry(), Clock.systemUTC());
    }

    private static MailImpl mail(String name) throws Exception {
        return MailImpl.builder().name(name).sender("sender@example.org").addRecipient("rcpt@partner.org")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject(name).setText("Body of " + name).build())
                .build();
    }

    private static List<String> names(FileMailQueueFactory factory, String queue) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        factory.createQueue(MailQueueName.of(queue)).browse().forEachRemaining(v -> names.add(v.getMail().getName()));
        return names;
    }

    @Test
    void mailOfAQueueNoLongerConfiguredGoesBackToTheSpoolAfterItsMailDueAtOnceToChooseItsNextHopAgain() throws Exception {
        try (FileMailQueueFactory before = factory()) {
            before.createQueue(MailQueueName.of("spool")).enQueue(mail("already-in-spool"));
            before.createQueue(MailQueueName.of("outgoing-route-3")).enQueue(mail("routed-1"));
            MailImpl later = mail("routed-2");
            later.setAttribute(new org.apache.mailet.Attribute(org.apache.mailet.AttributeName.of("org.facteur.test.kept"),
                    org.apache.mailet.AttributeValue.of(2)));
            before.createQueue(MailQueueName.of("outgoing-route-3")).enQueue(later, Duration.ofHours(2));
        }
        Files.writeString(root.resolve("outgoing-route-3").resolve(".tmp-0000000000000000009.mail"), "half written");

        int moved = RemovedQueues.reassign(root, Set.of("spool", "outgoing"), "route", Clock.systemUTC());

        assertThat(moved).isEqualTo(2);
        assertThat(root.resolve("outgoing-route-3")).doesNotExist();
        try (FileMailQueueFactory after = factory()) {
            assertThat(names(after, "spool")).containsExactly("already-in-spool", "routed-1", "routed-2");
            var spool = after.createQueue(MailQueueName.of("spool"));
            MailQueueItem first = Flux.from(spool.deQueue()).blockFirst(Duration.ofSeconds(10));
            assertThat(first.getMail().getName()).isEqualTo("already-in-spool");
            assertThat(first.getMail().getState()).isEqualTo("root");
            first.done(MailQueueItem.CompletionStatus.SUCCESS);
            MailQueueItem second = Flux.from(spool.deQueue()).blockFirst(Duration.ofSeconds(10));
            assertThat(second.getMail().getName()).isEqualTo("routed-1");
            assertThat(second.getMail().getState()).isEqualTo("route");
            assertThat(second.getMail().getRecipients()).extracting(Object::toString).containsExactly("rcpt@partner.org");
            second.done(MailQueueItem.CompletionStatus.SUCCESS);
            MailQueueItem third = Flux.from(spool.deQueue()).blockFirst(Duration.ofSeconds(10));
            assertThat(third.getMail().getName()).as("due at once: its next hop is chosen again").isEqualTo("routed-2");
            assertThat(third.getMail().getState()).isEqualTo("route");
            assertThat(third.getMail().getMessage().getSubject()).isEqualTo("routed-2");
            assertThat(third.getMail().getAttribute(org.apache.mailet.AttributeName.of("org.facteur.test.kept")))
                    .map(a -> (Object) a.getValue().value()).contains((Object) 2);
            third.done(MailQueueItem.CompletionStatus.SUCCESS);
            assertThat(spool.getSize()).isZero();
        }
    }

    @Test
    void aMailRewrittenInPlaceBeforeACrashIsMovedOnceAtTheNextStart() throws Exception {
        try (FileMailQueueFactory before = factory()) {
            before.createQueue(MailQueueName.of("outgoing-route-gone.org")).enQueue(mail("once"), Duration.ofHours(1));
        }
        Path dir = root.resolve("outgoing-route-gone.org");
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        // what a start that died between the rewrite in place and the rename left: the rewritten file, a temp file
        Files.write(file, QueuedMailFormat.withStateAndDue(Files.readAllBytes(file), "route", 0));
        Files.writeString(dir.resolve(".tmp-" + file.getFileName()), "a second rewrite, cut short");

        assertThat(RemovedQueues.reassign(root, Set.of("spool", "outgoing"), "route", Clock.systemUTC())).isEqualTo(1);

        assertThat(dir).doesNotExist();
        try (FileMailQueueFactory after = factory()) {
            assertThat(names(after, "spool")).containsExactly("once");
            MailQueueItem item = Flux.from(after.createQueue(MailQueueName.of("spool")).deQueue()).blockFirst(Duration.ofSeconds(10));
            assertThat(item.getMail().getState()).isEqualTo("route");
        }
    }

    @Test
    void aFileThatIsNotAQueuedMailMovesAsItIsAndTheSpoolSetsItAside() throws Exception {
        Path dir = Files.createDirectories(root.resolve("outgoing-mta-sts"));
        Files.writeString(dir.resolve("0000000000000000001.mail"), "FACTEUR-QUEUED-MAIL 2\n\u0000\u0000\u0000\u0002[]");

        assertThat(RemovedQueues.reassign(root, Set.of("spool", "outgoing"), "route", Clock.systemUTC())).isEqualTo(1);

        try (FileMailQueueFactory after = factory()) {
            assertThat(after.createQueue(MailQueueName.of("spool")).getSize()).isZero();
        }
        try (Stream<Path> set = Files.list(root.resolve("spool").resolve("unreadable"))) {
            assertThat(set).hasSize(1);
        }
    }

    @Test
    void configuredQueuesAndQueuesThatAreNotOutboundAreLeftAsTheyAre() throws Exception {
        try (FileMailQueueFactory before = factory()) {
            before.createQueue(MailQueueName.of("outgoing")).enQueue(mail("out"));
            before.createQueue(MailQueueName.of("spool")).enQueue(mail("in-spool"));
            before.createQueue(MailQueueName.of("something-else")).enQueue(mail("unknown"));
        }

        assertThat(RemovedQueues.reassign(root, Set.of("spool", "outgoing"), "route", Clock.systemUTC())).isZero();

        try (FileMailQueueFactory after = factory()) {
            assertThat(names(after, "outgoing")).containsExactly("out");
            assertThat(names(after, "spool")).containsExactly("in-spool");
            assertThat(names(after, "something-else")).containsExactly("unknown");
        }
    }

    @Test
    void aRemovedQueueKeepingSetAsideFilesStaysWithThemAlone() throws Exception {
        try (FileMailQueueFactory before = factory()) {
            before.createQueue(MailQueueName.of("outgoing-route-old.org")).enQueue(mail("waiting"));
        }
        Path unreadable = Files.createDirectories(root.resolve("outgoing-route-old.org").resolve("unreadable"));
        Files.writeString(unreadable.resolve("0000000000000000007.mail"), "damaged");

        assertThat(RemovedQueues.reassign(root, Set.of("spool", "outgoing"), "route", Clock.systemUTC())).isEqualTo(1);

        try (Stream<Path> left = Files.walk(root.resolve("outgoing-route-old.org"))) {
            assertThat(left.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()))
                    .containsExactly("outgoing-route-old.org/unreadable/0000000000000000007.mail");
        }
        try (FileMailQueueFactory after = factory()) {
            assertThat(names(after, "spool")).containsExactly("waiting");
        }
    }
}
