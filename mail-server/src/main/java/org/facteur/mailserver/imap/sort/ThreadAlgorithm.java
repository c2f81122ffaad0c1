package org.facteur.mailserver.imap.sort;

/** The threading algorithms of RFC 5256 §4, both announced ({@code THREAD=ORDEREDSUBJECT THREAD=REFERENCES}). */
public enum ThreadAlgorithm {
    ORDEREDSUBJECT, REFERENCES
}
