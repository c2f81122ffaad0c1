/**
 * Reading what a sender wrote without trusting it: header blocks, encoded words, addresses, dates and
 * text bodies, parsed leniently and within bounds. Nothing here throws on malformed input; each reader
 * falls back to the decoded raw text, so one message's headers can never fail a page.
 */
package org.facteur.webmail.mime;
