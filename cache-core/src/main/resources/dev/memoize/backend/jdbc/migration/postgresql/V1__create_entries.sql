-- Entries of every jdbc cache that uses this table, told apart by cache_name.
-- Keys use the "C" collation: byte order, so that key ranges and pages are exact.
-- func is stored as UTF-8 bytes: PostgreSQL text cannot hold the NUL character.
-- Times are epoch milliseconds; expires_at is null for entries that never expire.
-- write_order grows with every write and decides which entries max-entries evicts.
CREATE TABLE ${table} (
    cache_name      VARCHAR(200) COLLATE "C" NOT NULL,
    entry_key       VARCHAR(255) COLLATE "C" NOT NULL,
    func            BYTEA        NOT NULL,
    inputs          TEXT         NOT NULL,
    output_format   VARCHAR(32),
    output_bytes    BYTEA,
    expected_format VARCHAR(32),
    expected_bytes  BYTEA,
    annotated       BOOLEAN      NOT NULL,
    metadata        TEXT         NOT NULL,
    created_at      BIGINT       NOT NULL,
    expires_at      BIGINT,
    write_order     BIGINT       NOT NULL,
    PRIMARY KEY (cache_name, entry_key)
);

CREATE INDEX ${table}_expiry_idx ON ${table} (cache_name, expires_at);

CREATE INDEX ${table}_write_idx ON ${table} (cache_name, write_order);
