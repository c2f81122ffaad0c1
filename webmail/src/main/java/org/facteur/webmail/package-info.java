/**
 * Facteur's webmail (Spring MVC over IMAP/SMTP with Jakarta Mail). Built under issue #5; empty until then.
 */
package org.facteur.webmail;
