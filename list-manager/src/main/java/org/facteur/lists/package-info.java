/**
 * Facteur's mailing-list core (Sympa-style policies, email commands, moderation).
 * Plain Java and Jakarta Mail: no Spring, no James internals. Built under issue #3; empty until then.
 */
package org.facteur.lists;
