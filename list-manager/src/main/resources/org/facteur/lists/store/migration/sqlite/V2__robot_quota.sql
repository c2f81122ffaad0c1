-- Robot limits (issue 16 item 4): mails the list robot sent to one address in the current window, all lists together.
CREATE TABLE IF NOT EXISTS fl_quota (kind VARCHAR(30) NOT NULL, address VARCHAR(320) NOT NULL, window_start BIGINT NOT NULL,
    used INT NOT NULL, refused INT NOT NULL, PRIMARY KEY (kind, address));
