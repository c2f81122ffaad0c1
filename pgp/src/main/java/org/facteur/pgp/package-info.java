/**
 * Facteur's OpenPGP core (keys, PGP/MIME, Autocrypt, WKD) on Bouncy Castle, behind a small facade.
 * Plain Java: no Spring, no James. Built under issue #4; empty until then.
 */
package org.facteur.pgp;
