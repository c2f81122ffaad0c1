-- Digests (issue 11 item 4). Each post distributed on a list that has members in DIGEST or DIGESTPLAIN mode is kept
-- here, as the copy members get it (subject tag, footer, list headers), until the list's next digest takes it: the
-- rows are deleted in the transaction that records that digest's number, so no post is in two digests and none is lost
-- across a restart.
CREATE TABLE IF NOT EXISTS fl_digest_post (
    id VARCHAR(64) PRIMARY KEY,
    list VARCHAR(320) NOT NULL,
    added_at BIGINT NOT NULL,
    message BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS fl_digest_post_list ON fl_digest_post (list, added_at);

-- The number of each list's last digest: volume (one a year, as in Mailman) and issue within it.
CREATE TABLE IF NOT EXISTS fl_digest (
    list VARCHAR(320) PRIMARY KEY,
    volume INTEGER NOT NULL,
    issue INTEGER NOT NULL,
    sent_at BIGINT NOT NULL
);
