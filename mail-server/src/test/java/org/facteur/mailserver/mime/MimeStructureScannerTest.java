package org.facteur.mailserver.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.facteur.mailserver.mime.MimeStructureScanner.Limit;
import org.facteur.mailserver.mime.MimeStructureScanner.Verdict;
import org.junit.jupiter.api.Test;

class MimeStructureScannerTest {
    private static final MimeLimits LIMITS = MimeLimits.DEFAULTS;
    private static final String FROM = "a@x.test";
    private static final String TO = "b@y.test";

    @Test
    void ordinaryMailPassesWithItsMeasures() {
        Verdict v = MimeStructureScanner.scan(HostileMessages.ordinary(FROM, TO, "hello"), LIMITS);
        assertThat(v.acceptable()).isTrue();
        assertThat(v.maxDepth()).as("mixed > alternative, mixed > rfc822").isEqualTo(2);
        assertThat(v.parts()).as("message, alternative, text, html, pdf, rfc822, its body").isEqualTo(7);
        assertThat(v.unterminatedMultiparts()).isZero();
    }

    @Test
    void aSinglePartMessageAndOneWithoutBodyPass() {
        byte[] plain = "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(MimeStructureScanner.scan(plain, LIMITS).parts()).isEqualTo(1);
        assertThat(MimeStructureScanner.scan("Subject: only headers".getBytes(StandardCharsets.US_ASCII), LIMITS)
                .acceptable()).isTrue();
        assertThat(MimeStructureScanner.scan(new byte[0], LIMITS).acceptable()).isTrue();
    }

    @Test
    void nestingUpToTheLimitPassesAndOneMoreLevelIsRefusedWithASentence() {
        assertThat(MimeStructureScanner.scan(HostileMessages.deepMultipart(FROM, TO, 50), LIMITS).acceptable()).isTrue();
        Verdict v = MimeStructureScanner.scan(HostileMessages.deepMultipart(FROM, TO, 51), LIMITS);
        assertThat(v.violation()).get().satisfies(x -> {
            assertThat(x.limit()).isEqualTo(Limit.DEPTH);
            assertThat(x.sentence()).contains("more than 50 levels deep");
        });
    }

    @Test
    void aTenThousandLevelBombIsRefusedAfterReadingOnlyItsBeginning() {
        byte[] bomb = HostileMessages.deepMultipart(FROM, TO, 10_000);
        CountingInput in = new CountingInput(bomb);
        Verdict v;
        try {
            v = MimeStructureScanner.scan(in, LIMITS);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(v.violation()).get().extracting(MimeStructureScanner.Violation::limit).isEqualTo(Limit.DEPTH);
        assertThat(in.read).as("stops at the first limit crossed").isLessThan(bomb.length);
        assertThat(MimeStructureScanner.scan(HostileMessages.deepUnterminated(FROM, TO, 10_000), LIMITS).violation())
                .get().extracting(MimeStructureScanner.Violation::limit).isEqualTo(Limit.DEPTH);
        assertThat(MimeStructureScanner.scan(HostileMessages.deepRfc822(FROM, TO, 10_000), LIMITS).violation())
                .get().extracting(MimeStructureScanner.Violation::limit).isEqualTo(Limit.DEPTH);
    }

    @Test
    void aHundredThousandPartsAreRefusedAndTwoThousandPass() {
        assertThat(MimeStructureScanner.scan(HostileMessages.manyParts(FROM, TO, 1_998), LIMITS).acceptable()).isTrue();
        Verdict v = MimeStructureScanner.scan(HostileMessages.manyParts(FROM, TO, 100_000), LIMITS);
        assertThat(v.violation()).get().satisfies(x -> {
            assertThat(x.limit()).isEqualTo(Limit.PARTS);
            assertThat(x.sentence()).contains("more than 2000 MIME parts");
        });
    }

    @Test
    void hugeHeaderSectionsAreRefusedByLinesOrBytes() {
        assertThat(MimeStructureScanner.scan(HostileMessages.manyHeaderLines(FROM, TO, 20_000), LIMITS).violation())
                .get().satisfies(x -> {
                    assertThat(x.limit()).isEqualTo(Limit.HEADER_LINES);
                    assertThat(x.sentence()).contains("more than 10000 lines");
                });
        assertThat(MimeStructureScanner.scan(HostileMessages.hugeHeader(FROM, TO, 2 * 1024 * 1024), LIMITS).violation())
                .get().satisfies(x -> {
                    assertThat(x.limit()).isEqualTo(Limit.HEADER_BYTES);
                    assertThat(x.sentence()).contains("larger than 1 MB");
                });
        assertThat(MimeStructureScanner.scan(HostileMessages.manyHeaderLines(FROM, TO, 500), LIMITS).acceptable()).isTrue();
    }

    @Test
    void brokenEncodingsAndUnterminatedMultipartsAreNotTheScannersBusiness() {
        Verdict broken = MimeStructureScanner.scan(HostileMessages.brokenEncodings(FROM, TO), LIMITS);
        assertThat(broken.acceptable()).isTrue();
        assertThat(broken.unterminatedMultiparts()).isZero();
        Verdict unterminated = MimeStructureScanner.scan(HostileMessages.deepUnterminated(FROM, TO, 3), LIMITS);
        assertThat(unterminated.acceptable()).isTrue();
        assertThat(unterminated.unterminatedMultiparts()).isEqualTo(3);
    }

    @Test
    void anOuterBoundaryClosesTheInnerMultipartsLikeMime4jDoes() {
        String m = "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n"
                + "Content-Type: multipart/mixed; boundary=i\r\n\r\n--i\r\n\r\nx\r\n"
                + "--o\r\nContent-Type: multipart/mixed; boundary=j\r\n\r\n--j\r\n\r\ny\r\n--j--\r\n--o--\r\n";
        Verdict v = MimeStructureScanner.scan(m.getBytes(StandardCharsets.US_ASCII), LIMITS);
        assertThat(v.maxDepth()).isEqualTo(2);
        assertThat(v.unterminatedMultiparts()).isZero();
    }

    @Test
    void onlyTheFirstContentTypeCountsAsParsersReadIt() {
        String m = "Content-Type: text/plain\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n";
        assertThat(MimeStructureScanner.scan(m.getBytes(StandardCharsets.US_ASCII), LIMITS).maxDepth()).isZero();
    }

    @Test
    void readsQuotedFoldedAndTokenBoundaries() {
        assertThat(MimeStructureScanner.boundaryParameter(" charset=x; boundary=\"a b\\\"c\"")).isEqualTo("a b\"c");
        assertThat(MimeStructureScanner.boundaryParameter(" BOUNDARY=tok;x=y")).isEqualTo("tok");
        assertThat(MimeStructureScanner.boundaryParameter(" novalue; other=1")).isNull();
    }

    @Test
    void writingPastAViolationStopsTheWriter() throws Exception {
        MimeStructureScanner scanner = new MimeStructureScanner(LIMITS);
        javax.mail.internet.MimeMessage message = new javax.mail.internet.MimeMessage(
                javax.mail.Session.getInstance(new Properties()),
                new ByteArrayInputStream(HostileMessages.manyParts(FROM, TO, 100_000)));
        assertThatThrownBy(() -> message.writeTo(scanner)).isInstanceOf(MimeStructureScanner.LimitCrossed.class)
                .hasMessageContaining("MIME parts");
        assertThat(scanner.verdict().acceptable()).isFalse();
    }

    @Test
    void timeGrowsLinearlyWithTheMessage() {
        MimeLimits generous = new MimeLimits(50, 10_000_000, 1024 * 1024, 10_000);
        byte[] small = HostileMessages.manyParts(FROM, TO, 100_000);
        byte[] large = HostileMessages.manyParts(FROM, TO, 1_000_000);
        for (int i = 0; i < 3; i++) {
            MimeStructureScanner.scan(small, generous);
        }
        long t0 = System.nanoTime();
        Verdict v = MimeStructureScanner.scan(large, generous);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(v.parts()).isEqualTo(1_000_001);
        System.out.printf("scanned %d bytes, %d parts in %d ms%n", large.length, v.parts(), ms);
        assertThat(ms).as("a million parts (%d MB) in well under a minute", large.length >> 20).isLessThan(30_000);
    }

    private static final class CountingInput extends java.io.InputStream {
        private final ByteArrayInputStream in;
        long read;

        CountingInput(byte[] bytes) {
            in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            int b = in.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = in.read(b, off, Math.min(len, 4096));
            read += Math.max(n, 0);
            return n;
        }
    }
}
