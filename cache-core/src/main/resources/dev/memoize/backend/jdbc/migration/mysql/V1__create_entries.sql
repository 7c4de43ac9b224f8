-- Entries of every jdbc cache that uses this table, told apart by cache_name.
-- Names, keys and func are binary strings: compared byte by byte, without the case
-- folding and trailing-space padding of MySQL's text collations.
-- Values up to 4 GiB (LONGBLOB); a write is limited by the server's max_allowed_packet.
-- Times are epoch milliseconds; expires_at is null for entries that never expire.
-- write_order grows with every write and decides which entries max-entries evicts.
CREATE TABLE ${table} (
    cache_name      VARBINARY(200) NOT NULL,
    entry_key       VARBINARY(255) NOT NULL,
    func            BLOB           NOT NULL,
    inputs          LONGTEXT       NOT NULL,
    output_format   VARCHAR(32),
    output_bytes    LONGBLOB,
    expected_format VARCHAR(32),
    expected_bytes  LONGBLOB,
    annotated       BOOLEAN        NOT NULL,
    metadata        MEDIUMTEXT     NOT NULL,
    created_at      BIGINT         NOT NULL,
    expires_at      BIGINT,
    write_order     BIGINT         NOT NULL,
    PRIMARY KEY (cache_name, entry_key),
    INDEX ${table}_expiry_idx (cache_name, expires_at),
    INDEX ${table}_write_idx (cache_name, write_order)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;
