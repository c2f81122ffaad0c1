package org.facteur.mailserver.imap.sort;

/** What an ESORT asks back (RFC 5267 §3.1): the first and last message in the sort order, how many, all in order. */
public enum SortReturn {
    MIN, MAX, COUNT, ALL
}
