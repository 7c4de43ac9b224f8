-- Entries of every jdbc cache that uses this table, told apart by cache_name.
-- func is stored as UTF-8 bytes so that it compares exactly on every database.
-- Times are epoch milliseconds; expires_at is null for entries that never expire.
-- write_order grows with every write and decides which entries max-entries evicts.
CREATE TABLE ${table} (
    cache_name      TEXT    NOT NULL,
    entry_key       TEXT    NOT NULL,
    func            BLOB    NOT NULL,
    inputs          TEXT    NOT NULL,
    output_format   TEXT,
    output_bytes    BLOB,
    expected_format TEXT,
    expected_bytes  BLOB,
    annotated       INTEGER NOT NULL,
    metadata        TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER,
    write_order     INTEGER NOT NULL,
    PRIMARY KEY (cache_name, entry_key)
);

CREATE INDEX ${table}_expiry_idx ON ${table} (cache_name, expires_at);

CREATE INDEX ${table}_write_idx ON ${table} (cache_name, write_order);
