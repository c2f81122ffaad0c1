-- Mailing lists, members, held posts, pending confirmations and the Message-IDs each list has seen: the part
-- "lists" of Facteur's database (history in lists_schema_history). Times are epoch milliseconds, Message-IDs
-- SHA-256 digests. IF NOT EXISTS adopts the tables of a PostgreSQL list store made before the migrations.
CREATE TABLE IF NOT EXISTS fl_list (
    address VARCHAR(320) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    description VARCHAR(2000) NOT NULL,
    language VARCHAR(35) NOT NULL,
    subscribe_policy VARCHAR(30) NOT NULL,
    unsubscribe_policy VARCHAR(30) NOT NULL,
    send_policy VARCHAR(30) NOT NULL,
    review_policy VARCHAR(30) NOT NULL,
    reply_to VARCHAR(30) NOT NULL,
    footer VARCHAR(4000) NOT NULL,
    max_bytes BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS fl_member (
    list VARCHAR(320) NOT NULL,
    address VARCHAR(320) NOT NULL,
    name VARCHAR(200) NOT NULL,
    roles VARCHAR(100) NOT NULL,
    reception VARCHAR(20) NOT NULL,
    PRIMARY KEY (list, address)
);
CREATE INDEX IF NOT EXISTS fl_member_address ON fl_member (address);

CREATE TABLE IF NOT EXISTS fl_held (
    k VARCHAR(64) PRIMARY KEY,
    cancel_key VARCHAR(64) NOT NULL UNIQUE,
    list VARCHAR(320) NOT NULL,
    sender VARCHAR(320) NOT NULL,
    subject VARCHAR(1000) NOT NULL,
    reason VARCHAR(1000) NOT NULL,
    message BLOB NOT NULL,
    held_at BIGINT NOT NULL,
    status VARCHAR(20) NOT NULL,
    decided_by VARCHAR(320),
    decided_at BIGINT
);
CREATE INDEX IF NOT EXISTS fl_held_list ON fl_held (list, status);

CREATE TABLE IF NOT EXISTS fl_pending (
    k VARCHAR(64) PRIMARY KEY,
    kind VARCHAR(30) NOT NULL,
    list VARCHAR(320) NOT NULL,
    address VARCHAR(320) NOT NULL,
    name VARCHAR(200) NOT NULL,
    confirmer VARCHAR(320) NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    status VARCHAR(20) NOT NULL,
    decided_by VARCHAR(320)
);
CREATE INDEX IF NOT EXISTS fl_pending_address ON fl_pending (list, address);

CREATE TABLE IF NOT EXISTS fl_seen (
    list VARCHAR(320) NOT NULL,
    digest CHAR(64) NOT NULL,
    seen_at BIGINT NOT NULL,
    PRIMARY KEY (list, digest)
);
