package org.facteur.app.clientsetup;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Outlook's autodiscover (the "POX" protocol of Exchange 2007 onwards, which Outlook also uses for IMAP accounts):
 * it POSTs a request naming the address in {@code EMailAddress} and gets an account of type {@code email} with an
 * IMAP and an SMTP protocol, both over implicit TLS ({@code SSL on}), logging in with the whole address.
 * ActiveSync (the {@code mobilesync} schema) is not offered: Facteur speaks IMAP.
 */
final class OutlookAutodiscover {
    static final String RESPONSE_SCHEMA = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
    static final String OUTLOOK_SCHEMA = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

    private OutlookAutodiscover() {
    }

    /** The address in the request's {@code EMailAddress}, or a 400 sentence; the parser reads no DTD nor entity. */
    static String requestedAddress(byte[] body) {
        String missing = "The body must be an Autodiscover request: XML naming the address in <EMailAddress>.";
        if (body == null || body.length == 0) {
            throw ClientSetupException.badRequest(missing);
        }
        try {
            Document request = parser().parse(new ByteArrayInputStream(body));
            NodeList addresses = request.getElementsByTagNameNS("*", "EMailAddress");
            if (addresses.getLength() == 0 || addresses.item(0).getTextContent().isBlank()) {
                throw ClientSetupException.badRequest(missing);
            }
            return addresses.item(0).getTextContent().strip();
        } catch (SAXException | IOException e) {
            throw ClientSetupException.badRequest(missing);
        }
    }

    static String xml(MailAccount account) {
        MailAccount.Servers s = account.servers();
        String login = Xml.escape(account.address());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Autodiscover xmlns="%1$s">
                  <Response xmlns="%2$s">
                    <Account>
                      <AccountType>email</AccountType>
                      <Action>settings</Action>
                %3$s%4$s    </Account>
                  </Response>
                </Autodiscover>
                """.formatted(RESPONSE_SCHEMA, OUTLOOK_SCHEMA,
                protocol("IMAP", s.hostname(), s.imaps(), login), protocol("SMTP", s.hostname(), s.smtps(), login));
    }

    private static String protocol(String type, String hostname, int port, String login) {
        return """
                      <Protocol>
                        <Type>%1$s</Type>
                        <Server>%2$s</Server>
                        <Port>%3$d</Port>
                        <DomainRequired>off</DomainRequired>
                        <LoginName>%4$s</LoginName>
                        <SPA>off</SPA>
                        <SSL>on</SSL>
                        <AuthRequired>on</AuthRequired>
                      </Protocol>
                """.formatted(type, Xml.escape(hostname), port, login);
    }

    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
