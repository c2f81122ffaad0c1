/** OpenPGP for Facteur behind a small facade; no public type exposes Bouncy Castle. */
package org.facteur.pgp;
