package org.facteur.webmail.mail;

/** A folder in the list on the left: its full IMAP name, a display name, and how many messages are unread. */
public record FolderSummary(String name, String label, int unread, int total) {
}
