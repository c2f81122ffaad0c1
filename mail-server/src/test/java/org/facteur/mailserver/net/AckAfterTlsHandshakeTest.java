package org.facteur.mailserver.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

import org.facteur.mailserver.SmtpDialogue;
import org.facteur.mailserver.outbound.TestCertificates;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;

/**
 * A real TLS 1.3 handshake between two in-memory channels (the JDK's engines on both sides): the server side asks for
 * an immediate ACK after every read that carries the client's handshake, the last one included (after it the server
 * may have nothing to send), and for none on clear text or once the handshake is over.
 */
class AckAfterTlsHandshakeTest {
    private final AtomicInteger acks = new AtomicInteger();

    @Test
    void the_reads_of_a_handshake_are_acknowledged_at_once_and_later_reads_are_not() throws Exception {
        EmbeddedChannel server = new EmbeddedChannel(new AckAfterTlsHandshake(channel -> acks.incrementAndGet()));
        server.writeInbound(Unpooled.copiedBuffer("a1 STARTTLS\r\n", StandardCharsets.US_ASCII));
        assertThat(acks).as("clear text before STARTTLS").hasValue(0);
        drop(server.readInbound());

        SSLEngine serverEngine = TestCertificates.selfSigned("localhost").serverContext().createSSLEngine();
        serverEngine.setUseClientMode(false);
        SslHandler serverTls = new SslHandler(serverEngine);
        server.pipeline().addFirst(serverTls);
        SSLEngine clientEngine = trustingAll().createSSLEngine("localhost", 143);
        clientEngine.setUseClientMode(true);
        SslHandler clientTls = new SslHandler(clientEngine);
        EmbeddedChannel client = new EmbeddedChannel(clientTls);

        int serverReads = 0;
        for (int round = 0; round < 10 && !(serverTls.handshakeFuture().isDone() && clientTls.handshakeFuture().isDone()); round++) {
            serverReads += shuttle(client, server);
            shuttle(server, client);
        }
        assertThat(serverTls.handshakeFuture().isSuccess()).isTrue();
        assertThat(clientTls.handshakeFuture().isSuccess()).isTrue();
        assertThat(serverTls.engine().getSession().getProtocol()).isEqualTo("TLSv1.3");
        int duringHandshake = acks.get();
        assertThat(serverReads).as("the client's hello, then its last flight").isGreaterThanOrEqualTo(2);
        assertThat(duringHandshake).as("every read of the handshake, the one that ends it included").isEqualTo(serverReads);

        client.writeOutbound(Unpooled.copiedBuffer("a2 NOOP\r\n", StandardCharsets.US_ASCII));
        shuttle(client, server);
        ByteBuf command = server.readInbound();
        assertThat(command.toString(StandardCharsets.US_ASCII)).isEqualTo("a2 NOOP\r\n");
        command.release();
        assertThat(acks).as("no request once the handshake is over").hasValue(duringHandshake);
        assertThat(server.pipeline().get(AckAfterTlsHandshake.class)).as("gone once the handshake is over").isNull();
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }

    @Test
    void a_connection_that_never_starts_tls_is_never_acknowledged_early() {
        EmbeddedChannel server = new EmbeddedChannel(new AckAfterTlsHandshake(channel -> acks.incrementAndGet()));
        for (int i = 0; i < 3; i++) {
            server.writeInbound(Unpooled.copiedBuffer("a" + i + " NOOP\r\n", StandardCharsets.US_ASCII));
        }
        assertThat(acks).hasValue(0);
        server.finishAndReleaseAll();
    }

    /** Moves what {@code from} wrote to {@code to}'s inbound side, one read per buffer; returns the number of reads. */
    private static int shuttle(EmbeddedChannel from, EmbeddedChannel to) {
        int reads = 0;
        for (Object out = from.readOutbound(); out != null; out = from.readOutbound()) {
            to.writeInbound(out);
            reads++;
        }
        to.runPendingTasks();
        from.runPendingTasks();
        return reads;
    }

    private static void drop(Object message) {
        if (message instanceof ByteBuf buffer) {
            buffer.release();
        }
    }

    private static SSLContext trustingAll() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, new TrustManager[] {new SmtpDialogue.TrustAll()}, null);
        return tls;
    }
}
