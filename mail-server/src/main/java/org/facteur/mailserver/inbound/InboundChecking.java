package org.facteur.mailserver.inbound;

import org.facteur.mailserver.net.ClientNetworks;

/** Whether the MX checks mail, from which clients not, and the checker ({@code FACTEUR_INBOUND_CHECKS*}). */
public record InboundChecking(boolean enabled, ClientNetworks exempt, InboundAuthenticator authenticator) {
}
