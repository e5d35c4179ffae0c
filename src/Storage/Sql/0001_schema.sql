-- Grain state for Orleans' ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet, invariant "Npgsql"),
-- and the table the provider reads its query texts from at start-up.
--
-- One row per (service, state name, grain key). The provider passes the state name given in
-- [PersistentState(stateName, storageName)] as @GrainTypeString, and the grain key split into two 64-bit halves
-- (@GrainIdN0/@GrainIdN1 for GUID and integer keys) plus an optional string part (@GrainIdExtensionString: the key
-- extension, or the whole key for string-keyed grains). The grain type itself is not part of the key, so every
-- grain type needs its own state name.
--
-- payload is NULL after a clear (the row and its version stay, so a stale writer still conflicts);
-- version is the ETag: it starts at 1 and goes up by one on every write and clear.

CREATE TABLE IF NOT EXISTS grain_state
(
    service_id         text        NOT NULL,
    grain_type         text        NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_id_extension text        NOT NULL DEFAULT '',
    payload            bytea       NULL,
    version            integer     NOT NULL,
    modified_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT grain_state_pkey PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension),
    CONSTRAINT grain_state_version_positive CHECK (version > 0)
);

-- The provider runs: SELECT QueryKey, QueryText FROM OrleansQuery WHERE QueryKey = ... (unquoted, so lower case here).
CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL,
    querytext text        NOT NULL,
    CONSTRAINT orleansquery_pkey PRIMARY KEY (querykey)
);
