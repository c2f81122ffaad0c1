package org.facteur.app.clientsetup;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * An Apple configuration profile ({@code .mobileconfig}, a property list) with one {@code com.apple.mail.managed}
 * payload: an IMAP account over TLS and submission over TLS, the login the whole address, the same password for both
 * (asked for when the profile is installed: the profile holds no secret). The profile is not signed, so iOS and
 * macOS show it as "Unsigned" (or "Not Verified") before installing; signing needs a certificate from a CA the
 * devices trust and is left to the operator. The UUIDs are derived from the address: installing the profile again
 * replaces the account rather than adding a second one.
 */
final class AppleMailProfile {
    static final String CONTENT_TYPE = "application/x-apple-aspen-config";

    private AppleMailProfile() {
    }

    static String plist(MailAccount account) {
        MailAccount.Servers s = account.servers();
        String address = Xml.escape(account.address());
        String domain = Xml.escape(account.domain());
        String identifier = Xml.escape(reverse(account.domain()) + ".facteur." + account.address().replaceAll("[^A-Za-z0-9.-]", "-"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                  <key>PayloadContent</key>
                  <array>
                    <dict>
                      <key>EmailAccountDescription</key><string>%1$s</string>
                      <key>EmailAccountName</key><string>%1$s</string>
                      <key>EmailAccountType</key><string>EmailTypeIMAP</string>
                      <key>EmailAddress</key><string>%1$s</string>
                      <key>IncomingMailServerAuthentication</key><string>EmailAuthPassword</string>
                      <key>IncomingMailServerHostName</key><string>%3$s</string>
                      <key>IncomingMailServerPortNumber</key><integer>%4$d</integer>
                      <key>IncomingMailServerUseSSL</key><true/>
                      <key>IncomingMailServerUsername</key><string>%1$s</string>
                      <key>OutgoingMailServerAuthentication</key><string>EmailAuthPassword</string>
                      <key>OutgoingMailServerHostName</key><string>%3$s</string>
                      <key>OutgoingMailServerPortNumber</key><integer>%5$d</integer>
                      <key>OutgoingMailServerUseSSL</key><true/>
                      <key>OutgoingMailServerUsername</key><string>%1$s</string>
                      <key>OutgoingPasswordSameAsIncomingPassword</key><true/>
                      <key>PayloadDescription</key><string>Mail account %1$s</string>
                      <key>PayloadDisplayName</key><string>%1$s</string>
                      <key>PayloadIdentifier</key><string>%6$s.mail</string>
                      <key>PayloadType</key><string>com.apple.mail.managed</string>
                      <key>PayloadUUID</key><string>%7$s</string>
                      <key>PayloadVersion</key><integer>1</integer>
                      <key>PreventAppSheet</key><false/>
                      <key>PreventMove</key><false/>
                      <key>SMIMEEnabled</key><false/>
                    </dict>
                  </array>
                  <key>PayloadDescription</key><string>Sets up the mail account %1$s (IMAP and SMTP over TLS).</string>
                  <key>PayloadDisplayName</key><string>%2$s mail</string>
                  <key>PayloadIdentifier</key><string>%6$s</string>
                  <key>PayloadOrganization</key><string>%2$s</string>
                  <key>PayloadRemovalDisallowed</key><false/>
                  <key>PayloadType</key><string>Configuration</string>
                  <key>PayloadUUID</key><string>%8$s</string>
                  <key>PayloadVersion</key><integer>1</integer>
                </dict>
                </plist>
                """.formatted(address, domain, Xml.escape(s.hostname()), s.imaps(), s.smtps(), identifier,
                uuid("mail:" + account.address()), uuid("profile:" + account.address()));
    }

    /** The file name offered for download. */
    static String fileName(MailAccount account) {
        return account.domain() + ".mobileconfig";
    }

    private static String reverse(String domain) {
        List<String> labels = new java.util.ArrayList<>(List.of(domain.split("\\.")));
        java.util.Collections.reverse(labels);
        return String.join(".", labels);
    }

    private static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(java.util.Locale.ROOT);
    }
}
