package org.facteur.pgp.mime;

/** Whether the real Subject moves inside the encrypted part (protected headers, "..." outside). */
public enum HeaderProtection {
  /** Subject, From, To, Cc, Date, Message-ID copied inside; outer Subject becomes "...". */
  HIDE_SUBJECT,
  /** Headers copied inside too (protected-headers="v1"), but the outer Subject stays readable. */
  KEEP_SUBJECT
}
