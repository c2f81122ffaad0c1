-- The id of this installation (part "installation"): one row, made by the first node to need it and read by every
-- node sharing this database. It names the installation's RabbitMQ exchange of mailbox events, so that two
-- installations sharing one RabbitMQ never hear each other's events.
CREATE TABLE installation (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    uuid TEXT NOT NULL
);
