-- The DKIM keys of every local domain, shared by the nodes that share this database (part "dkim").
-- algorithm: the key type of the DNS record (rsa, ed25519); created, published_until: ISO-8601 instants,
-- published_until NULL while the key is active (signs); private_key (PKCS#8) and public_key (X.509) in base64.
CREATE TABLE dkim_key (
    domain          TEXT NOT NULL,
    selector        TEXT NOT NULL,
    algorithm       TEXT NOT NULL,
    created         TEXT NOT NULL,
    published_until TEXT,
    private_key     TEXT NOT NULL,
    public_key      TEXT NOT NULL,
    PRIMARY KEY (domain, selector)
);
