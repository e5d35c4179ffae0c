-- Uploaded audio and results (MIDI, notes JSON). The bytes live in fixed-size chunk rows so that both writing and
-- reading stream with bounded memory (one chunk in flight), a reader can start at any offset (HTTP range requests),
-- and an upload that fails half-way leaves nothing behind (one transaction). A media row is visible only once all
-- its chunks are committed.

CREATE TABLE IF NOT EXISTS media
(
    key          text        NOT NULL,
    kind         text        NOT NULL,
    content_type text        NOT NULL,
    size         bigint      NOT NULL,
    sha256       bytea       NOT NULL,
    chunk_size   integer     NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT media_pkey PRIMARY KEY (key),
    CONSTRAINT media_size_not_negative CHECK (size >= 0),
    CONSTRAINT media_chunk_size_positive CHECK (chunk_size > 0)
);

CREATE INDEX IF NOT EXISTS media_kind_created_at ON media (kind, created_at);

CREATE TABLE IF NOT EXISTS media_chunk
(
    key  text    NOT NULL,
    seq  integer NOT NULL,
    data bytea   NOT NULL,
    CONSTRAINT media_chunk_pkey PRIMARY KEY (key, seq),
    CONSTRAINT media_chunk_media_fkey FOREIGN KEY (key) REFERENCES media (key) ON DELETE CASCADE
);

-- Audio, MIDI and the like are already compressed or small: store chunks out of line without trying pglz on them.
ALTER TABLE media_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
