-- Members' OpenPGP material and settings, shared by the nodes that share this database (part "pgp").
-- One row per item of a member, named as FileUserKeyStore names its files: public.asc, secret.asc (protected),
-- revocation.asc, settings.properties, peers/<url-encoded address>.properties.
CREATE TABLE pgp_item (
    address TEXT NOT NULL,
    item    TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (address, item)
);
