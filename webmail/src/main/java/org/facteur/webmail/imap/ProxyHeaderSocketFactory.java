package org.facteur.webmail.imap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

import javax.net.SocketFactory;

/**
 * Sockets that begin with the PROXY protocol's {@code PROXY UNKNOWN} line once connected: when the server's mail ports
 * require the PROXY protocol ({@code FACTEUR_PROXY_PROTOCOL}, for HAProxy in front), the webmail, a trusted proxy of
 * its own, says it speaks for itself; it still names its browser with IMAP {@code ID x-originating-ip}. Jakarta Mail
 * creates an unconnected socket and connects it ({@code mail.imap.socketFactory}, {@code mail.smtp.socketFactory});
 * STARTTLS then wraps the same socket.
 */
final class ProxyHeaderSocketFactory extends SocketFactory {
    static final byte[] HEADER = "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    public Socket createSocket() {
        return new HeaderSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(SocketAddress to, SocketAddress from) throws IOException {
        Socket s = new HeaderSocket();
        if (from != null) {
            s.bind(from);
        }
        s.connect(to);
        return s;
    }

    private static final class HeaderSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
            getOutputStream().write(HEADER);
            getOutputStream().flush();
        }
    }
}
