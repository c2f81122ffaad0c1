package org.facteur.mailserver.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory of the MTA-STS RemoteDelivery ({@code mail.smtp.ssl.socketFactory.class}): the chain must
 * lead to an {@link OutboundTrust} anchor and, on top of javax.mail's own {@code checkserveridentity}, the JDK checks
 * the certificate names the MX host during the handshake (endpoint identification, SNI sent).
 */
public final class OutboundTrustSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    private OutboundTrustSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /** Called by javax.mail by reflection. */
    public static SSLSocketFactory getDefault() {
        return new OutboundTrustSocketFactory(OutboundTrust.installed().getSocketFactory());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return checked(delegate.createSocket(s, host, port, autoClose), host);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return checked(delegate.createSocket(host, port), host);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return checked(delegate.createSocket(host, port, localHost, localPort), host);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return delegate.createSocket(host, port); // no name to check: a reverse lookup would let the remote choose it
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return delegate.createSocket(address, port, localAddress, localPort);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    static Socket checked(Socket socket, String host) {
        if (socket instanceof SSLSocket ssl && host != null) {
            SSLParameters p = ssl.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (!host.isEmpty() && Character.isLetter(host.charAt(host.length() - 1))) {
                p.setServerNames(java.util.List.of(new SNIHostName(host)));
            }
            ssl.setSSLParameters(p);
        }
        return socket;
    }
}
