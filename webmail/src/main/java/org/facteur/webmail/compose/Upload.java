package org.facteur.webmail.compose;

/** A file the member attached in the browser. */
public record Upload(String filename, String contentType, byte[] bytes) {
}
