package org.facteur.mailserver.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.DelayedManageableMailQueueContract;
import org.apache.james.queue.api.DelayedPriorityMailQueueContract;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueue.MailQueueItem.CompletionStatus;
import org.apache.james.queue.api.MailQueueMetricContract;
import org.apache.james.queue.api.MailQueueMetricExtension;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.PriorityManageableMailQueueContract;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import reactor.core.publisher.Flux;

/**
 * James 3.8.1's mail queue contracts (the set it runs on its ActiveMQ queue, all 104 cases, none left out) against
 * {@link FileMailQueue}, and what a queue on files must keep across a restart: every waiting mail with its envelope,
 * attributes and message, delayed mail still delayed, mail taken but never done taken again; mail rejected or given
 * back again and again taken again after a delay; a file that is not a queued mail set aside.
 */
@Timeout(120)
class FileMailQueueTest implements DelayedManageableMailQueueContract, DelayedPriorityMailQueueContract,
        PriorityManageableMailQueueContract, MailQueueMetricContract {
    private static final MailQueueName NAME = MailQueueName.of("spool");

    @TempDir
    Path root;
    private MetricFactory metrics;
    private GaugeRegistry gauges;
    private FileMailQueueFactory factory;
    private FileMailQueue queue;

    @BeforeEach
    void setUp(MailQueueMetricExtension.MailQueueMetricTestSystem metricSystem) {
        metrics = metricSystem.getMetricFactory();
        gauges = metricSystem.getSpyGaugeRegistry();
        factory = newFactory();
        queue = factory.createQueue(NAME);
    }

    @AfterEach
    void tearDown() {
        factory.close();
    }

    private FileMailQueueFactory newFactory() {
        return new FileMailQueueFactory(root, new RawMailQueueItemDecoratorFactory(), metrics, gauges, Clock.systemUTC());
    }

    /** The queue of a new process on the same directory (the old one's consumers ended, as at shutdown). */
    private FileMailQueue reopened() {
        factory.close();
        factory = newFactory();
        return factory.createQueue(NAME);
    }

    @Override
    public MailQueue getMailQueue() {
        return queue;
    }

    @Override
    public ManageableMailQueue getManageableMailQueue() {
        return queue;
    }

    private static MailQueueItem take(MailQueue queue) {
        return Flux.from(queue.deQueue()).blockFirst(Duration.ofSeconds(30));
    }

    private static MailImpl mail(String name) throws Exception {
        return MailImpl.builder().name(name).sender("sender@example.org").addRecipient("rcpt@example.org")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject(name).setText("Body of " + name).build())
                .build();
    }

    private List<Path> files(String sub) throws Exception {
        Path dir = root.resolve("spool").resolve(sub);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void waitingMailSurvivesARestartWithItsWholeEnvelope() throws Exception {
        MailImpl mail = MailImpl.builder().name("full").sender("sender@example.org")
                .addRecipients("a@example.org", "b@example.net")
                .state("transport").errorMessage("tried once").remoteHost("mx.example.org").remoteAddr("192.0.2.7")
                .lastUpdated(new java.util.Date(1_700_000_000_000L))
                .addAttribute(new Attribute(AttributeName.of("facteur.list"), AttributeValue.of("members@example.org")))
                .addAttribute(new Attribute(AttributeName.of("facteur.count"), AttributeValue.of(3)))
                .addHeaderForRecipient(PerRecipientHeaders.Header.builder().name("X-Folder").value("Lists: a\r\n b").build(),
                        new MailAddress("a@example.org"))
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Héllo").setText("Body, é").build())
                .build();
        queue.enQueue(mail);

        FileMailQueue again = reopened();
        assertThat(again.getSize()).isEqualTo(1);
        MailQueueItem item = take(again);
        Mail back = item.getMail();
        assertThat(back.getName()).isEqualTo("full");
        assertThat(back.getMaybeSender().asString()).isEqualTo("sender@example.org");
        assertThat(back.getRecipients()).containsExactly(new MailAddress("a@example.org"), new MailAddress("b@example.net"));
        assertThat(back.getState()).isEqualTo("transport");
        assertThat(back.getErrorMessage()).isEqualTo("tried once");
        assertThat(back.getRemoteHost()).isEqualTo("mx.example.org");
        assertThat(back.getRemoteAddr()).isEqualTo("192.0.2.7");
        assertThat(back.getLastUpdated()).isEqualTo(new java.util.Date(1_700_000_000_000L));
        assertThat(back.getAttribute(AttributeName.of("facteur.list"))).map(a -> (Object) a.getValue().getValue())
                .contains("members@example.org");
        assertThat(back.getAttribute(AttributeName.of("facteur.count"))).map(a -> (Object) a.getValue().getValue()).contains(3);
        assertThat(back.getPerRecipientSpecificHeaders().getHeadersForRecipient(new MailAddress("a@example.org")))
                .extracting(PerRecipientHeaders.Header::getValue).containsExactly("Lists: a\r\n b");
        assertThat(back.getMessage().getSubject()).isEqualTo("Héllo");
        assertThat(back.getMessage().getContent().toString()).contains("Body, é");
        item.done(CompletionStatus.SUCCESS);
        assertThat(again.getSize()).isZero();
        assertThat(files("")).isEmpty();
    }

    @Test
    void aNullSenderStaysNull() throws Exception {
        queue.enQueue(MailImpl.builder().name("bounce").sender(org.apache.james.core.MaybeSender.nullSender())
                .addRecipient("rcpt@example.org")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("Undeliverable").build()).build());
        Mail back = take(reopened()).getMail();
        assertThat(back.getMaybeSender().isNullSender()).isTrue();
    }

    @Test
    void mailTakenButNotDoneWhenTheProcessDiesIsTakenAgain() throws Exception {
        queue.enQueue(mail("first"));
        queue.enQueue(mail("second"));
        MailQueueItem taken = take(queue);
        assertThat(taken.getMail().getName()).isEqualTo("first");

        FileMailQueue again = reopened();
        assertThat(again.getSize()).isEqualTo(2);
        assertThat(take(again).getMail().getName()).isEqualTo("first");
    }

    @Test
    void delayedMailStaysDelayedAfterARestart() throws Exception {
        queue.enQueue(mail("later"), Duration.ofHours(1));
        queue.enQueue(mail("now"));

        FileMailQueue again = reopened();
        assertThat(again.getSize()).isEqualTo(2);
        MailQueueItem item = take(again);
        assertThat(item.getMail().getName()).isEqualTo("now");
        item.done(CompletionStatus.SUCCESS);
        assertThat(Flux.from(again.deQueue()).next().timeout(Duration.ofSeconds(2), reactor.core.publisher.Mono.empty())
                .blockOptional()).isEmpty();
        assertThat(again.browse()).toIterable().extracting(v -> v.getMail().getName()).containsExactly("later");
    }

    @Test
    void rejectedMailIsKeptAndTakenAgainAfterADelay() throws Exception {
        queue.enQueue(mail("rejected"));
        take(queue).done(CompletionStatus.REJECT);

        assertThat(queue.getSize()).isEqualTo(1);
        assertThat(Flux.from(queue.deQueue()).next().timeout(Duration.ofMillis(500), reactor.core.publisher.Mono.empty())
                .blockOptional()).as("not at once").isEmpty();
        assertThat(take(queue).getMail().getName()).as("after about a second").isEqualTo("rejected");
        assertThat(reopened().getSize()).as("its file stays until it is done").isEqualTo(1);
    }

    @Test
    void anUnreadableFileIsSetAsideAndTheRestIsServed() throws Exception {
        queue.enQueue(mail("good"));
        Files.writeString(root.resolve("spool").resolve("0000000000000000001.mail"), "not a queued mail");
        Files.writeString(root.resolve("spool").resolve(".tmp-0000000000000000002.mail"), "half written");

        FileMailQueue again = reopened();
        assertThat(again.getSize()).isEqualTo(1);
        assertThat(take(again).getMail().getName()).isEqualTo("good");
        assertThat(files("unreadable")).extracting(p -> p.getFileName().toString())
                .containsExactly("0000000000000000001.mail");
        assertThat(files("")).extracting(p -> p.getFileName().toString()).noneMatch(n -> n.startsWith(".tmp-"));
    }

    @Test
    void mailEnqueuedAfterARestartComesAfterTheMailLeftBefore() throws Exception {
        queue.enQueue(mail("before"));
        FileMailQueue again = reopened();
        again.enQueue(mail("after"));
        MailQueueItem first = take(again);
        first.done(CompletionStatus.SUCCESS);
        assertThat(first.getMail().getName()).isEqualTo("before");
        assertThat(take(again).getMail().getName()).isEqualTo("after");
    }

    @Test
    void mailDroppedBeforeAnyoneSawItIsGivenBack() throws Exception {
        for (int i = 0; i < 20; i++) {
            queue.enQueue(mail("m" + i));
        }
        // blockFirst asks for everything and cancels after the first: what was handed over meanwhile comes back.
        for (int i = 0; i < 20; i++) {
            MailQueueItem item = take(queue);
            assertThat(item.getMail().getName()).isEqualTo("m" + i);
            item.done(CompletionStatus.SUCCESS);
        }
        assertThat(queue.getSize()).isZero();
    }

    @Test
    void mailGivenBackAgainAndAgainWaitsBeforeItIsTakenAgain() throws Exception {
        queue.enQueue(mail("failing"));
        for (int i = 0; i < FileMailQueue.RETRIES_AT_ONCE; i++) {
            take(queue).done(CompletionStatus.RETRY);
        }
        MailQueueItem last = take(queue);
        last.done(CompletionStatus.RETRY);
        assertThat(queue.getSize()).isEqualTo(1);
        assertThat(Flux.from(queue.deQueue()).next().timeout(Duration.ofMillis(500), reactor.core.publisher.Mono.empty())
                .blockOptional()).as("given back %d times: not at once", FileMailQueue.RETRIES_AT_ONCE + 1).isEmpty();
        assertThat(take(queue).getMail().getName()).as("after about a second").isEqualTo("failing");
    }

    private Path fileOf(String subject) throws Exception {
        for (Path file : files("")) {
            if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("Subject: " + subject)) {
                return file;
            }
        }
        throw new AssertionError("no queue file holds " + subject);
    }

    @Test
    void aMessageCutShortOrDamagedIsSetAsideNeverDeliveredInPart() throws Exception {
        queue.enQueue(mail("cut"));
        queue.enQueue(mail("damaged"));
        queue.enQueue(mail("whole"));
        Path cut = fileOf("cut");
        byte[] bytes = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 40)); // a copy that stopped early
        Path damaged = fileOf("damaged");
        bytes = Files.readAllBytes(damaged);
        int body = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("Body of damaged");
        bytes[body] = 'b'; // one byte changed on disk
        Files.write(damaged, bytes);

        FileMailQueue again = reopened();
        MailQueueItem item = take(again);
        assertThat(item.getMail().getName()).isEqualTo("whole");
        assertThat(files("unreadable")).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(cut.getFileName().toString(), damaged.getFileName().toString());
        item.done(CompletionStatus.SUCCESS);
        assertThat(again.getSize()).isZero();
    }

    @Test
    void aFileOfTheFirstVersionWithoutTrailerIsStillRead() throws Exception {
        queue.enQueue(mail("old"));
        Path file = fileOf("old");
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("FACTEUR-QUEUED-MAIL 2\n").endsWith("\nEND-OF-QUEUED-MAIL\n");
        byte[] version1 = java.util.Arrays.copyOf(bytes, bytes.length - (8 + 4 + 20));
        version1[20] = '1'; // "FACTEUR-QUEUED-MAIL 1\n", as the release of 2026-12-06 wrote it
        Files.write(file, version1);

        Mail back = take(reopened()).getMail();
        assertThat(back.getName()).isEqualTo("old");
        assertThat(back.getMessage().getSubject()).isEqualTo("old");
        assertThat(back.getMessage().getContent().toString().trim()).isEqualTo("Body of old");
        int envelope = java.nio.ByteBuffer.wrap(version1, 22, 4).getInt();
        assertThat(back.getMessageSize()).as("the message to the end of the file").isEqualTo(version1.length - 22 - 4 - envelope);
    }

    @Test
    void aFileThatCannotBeReadNowStaysQueuedAndIsTakenOnceItCanBe() throws Exception {
        queue.enQueue(mail("blocked"));
        Path file = fileOf("blocked");
        Path away = root.resolve("away.mail");
        Files.move(file, away);
        Files.createDirectory(file); // reading it fails with an I/O error, as a failing disk would
        assertThat(Flux.from(queue.deQueue()).next().timeout(Duration.ofMillis(500), reactor.core.publisher.Mono.empty())
                .blockOptional()).isEmpty();
        assertThat(queue.getSize()).isEqualTo(1);
        assertThat(files("unreadable")).isEmpty();

        Files.delete(file);
        Files.move(away, file);
        MailQueueItem item = take(queue);
        assertThat(item.getMail().getName()).isEqualTo("blocked");
        item.done(CompletionStatus.SUCCESS);
        assertThat(queue.getSize()).isZero();
        assertThat(Files.exists(file)).isFalse();
    }
}
