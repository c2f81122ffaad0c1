package org.facteur.app.clientsetup;

/**
 * Thunderbird's autoconfiguration file ({@code config-v1.1.xml}, the format of Mozilla's ISP database, also read by
 * K-9/Thunderbird for Android, Evolution and KMail): IMAP over TLS first, then IMAP with STARTTLS; submission over
 * TLS first (RFC 8314 prefers implicit TLS), then submission with STARTTLS. The login is the whole address
 * ({@code %EMAILADDRESS%}, which the client fills in), the password is sent inside TLS only.
 */
final class ThunderbirdConfig {
    private ThunderbirdConfig() {
    }

    static String xml(MailAccount account) {
        MailAccount.Servers s = account.servers();
        String domain = Xml.escape(account.domain());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <clientConfig version="1.1">
                  <emailProvider id="%1$s">
                    <domain>%1$s</domain>
                    <displayName>%1$s mail</displayName>
                    <displayShortName>%1$s</displayShortName>
                %2$s%3$s%4$s%5$s  </emailProvider>
                </clientConfig>
                """.formatted(domain,
                server("incomingServer", "imap", s.hostname(), s.imaps(), "SSL"),
                server("incomingServer", "imap", s.hostname(), s.imap(), "STARTTLS"),
                server("outgoingServer", "smtp", s.hostname(), s.smtps(), "SSL"),
                server("outgoingServer", "smtp", s.hostname(), s.submission(), "STARTTLS"));
    }

    private static String server(String element, String type, String hostname, int port, String socketType) {
        return """
                    <%1$s type="%2$s">
                      <hostname>%3$s</hostname>
                      <port>%4$d</port>
                      <socketType>%5$s</socketType>
                      <authentication>password-cleartext</authentication>
                      <username>%%EMAILADDRESS%%</username>
                    </%1$s>
                """.formatted(element, type, Xml.escape(hostname), port, socketType);
    }
}
