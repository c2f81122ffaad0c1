package org.facteur.pgp.store;

/**
 * Where {@link JdbcUserKeyStore}'s schema lives: versioned SQL scripts, one folder per engine
 * ({@code <LOCATION>/sqlite/V1__pgp.sql}, {@code <LOCATION>/postgresql/...}), applied by the application that owns the
 * database (Facteur's mail server runs them as the part {@value #PART}) before it opens the store.
 */
public final class UserKeyStoreSchema {
  /** The name of this schema's part: its history table is {@code pgp_schema_history}. */
  public static final String PART = "pgp";
  /** The classpath folder of the scripts. */
  public static final String LOCATION = "org/facteur/pgp/store/migration";

  private UserKeyStoreSchema() {
  }
}
