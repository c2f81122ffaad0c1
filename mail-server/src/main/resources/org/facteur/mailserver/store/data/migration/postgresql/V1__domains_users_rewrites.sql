-- Domains, users, the recipient rewrite table (aliases, forwards...) and the mail repository URLs:
-- what James's data layer needs, owned by the part "data" (history in data_schema_history).

-- Lower case, as James's Domain makes them.
CREATE TABLE domains (
    name TEXT PRIMARY KEY
);

-- name: the user name in lower case (user@domain). password_hash: one self-describing string
-- ($argon2id$..., $pbkdf2-sha512$...) that says how to check it; the hashing class may replace it at login.
CREATE TABLE users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL
);

-- One row per mapping of a source. source_user and source_domain are James's fixed parts ('*' for any),
-- mapping is Mapping.asString() (a plain address, or 'forward:…', 'alias:…', 'group:…', 'regex:…',
-- 'error:…', 'domain:…', 'domainAlias:…'). id keeps the order in which mappings were added.
CREATE TABLE recipient_rewrites (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_user TEXT NOT NULL,
    source_domain TEXT NOT NULL,
    mapping TEXT NOT NULL
);
CREATE UNIQUE INDEX recipient_rewrites_source ON recipient_rewrites (source_domain, source_user, mapping);
CREATE INDEX recipient_rewrites_mapping ON recipient_rewrites (mapping);

-- Mail repositories James has opened (file://var/mail/error/ ...), so that they are known after a restart.
CREATE TABLE mail_repository_urls (
    url TEXT PRIMARY KEY
);
