package org.facteur.mailserver.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** PROXY protocol headers as HAProxy writes them (haproxy.org/download/2.8/doc/proxy-protocol.txt), for tests. */
public final class ProxyHeaders {
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyHeaders() {
    }

    /** Version 1, text: {@code PROXY TCP4 client 127.0.0.1 clientPort serverPort}. */
    public static byte[] v1(String client, int clientPort, int serverPort) {
        return ("PROXY TCP4 " + client + " 127.0.0.1 " + clientPort + " " + serverPort + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Version 2, binary, PROXY command over TCP/IPv4. */
    public static byte[] v2(String client, int clientPort, int serverPort) {
        try {
            ByteBuffer b = ByteBuffer.allocate(16 + 12);
            b.put(V2_SIGNATURE).put((byte) 0x21).put((byte) 0x11).putShort((short) 12);
            b.put(InetAddress.getByName(client).getAddress()).put(InetAddress.getByName("127.0.0.1").getAddress());
            b.putShort((short) clientPort).putShort((short) serverPort);
            return b.array();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Version 2 LOCAL: the proxy speaks for itself (HAProxy's health checks). */
    public static byte[] v2Local() {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.put(V2_SIGNATURE).put((byte) 0x20).put((byte) 0x00).putShort((short) 0);
        return b.array();
    }
}
