package org.facteur.webmail.mail;

/** One message of a conversation: where it is, its list line, and whether it is the one being read. */
public record ConversationEntry(String folder, MessageSummary message, boolean current) {
}
