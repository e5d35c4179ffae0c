-- The four statements AdoNetGrainStorage (Orleans 10.4) runs against grain_state, keyed by the names it looks up.
--
-- Parameters it binds (typed: strings as text, N0/N1 as bigint, hashes and version as integer):
--   @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString (NULL when the key has none),
--   @GrainIdHash, @GrainTypeHash (32-bit hashes of the key and type; unused here: PostgreSQL indexes the key itself),
--   @GrainStateVersion (the ETag the grain holds, NULL when it has never seen a row), @PayloadBinary (write only).
-- What it reads back:
--   ReadFromStorageKey: at most one row with columns PayloadBinary (bytea, NULL after a clear) and Version.
--   WriteToStorageKey:  one row, NewGrainStateVersion, when the write happened; no row when the ETag was stale
--                       (or NULL but a row exists), which the provider turns into InconsistentStateException.
--   ClearStorageKey:    the new version in the first column, or no row on a version conflict.
--   DeleteStorageKey:   (used when DeleteStateOnClear = true) removes the row; must return a value different
--                       from the ETag it was given, or no row on a conflict.
-- Versions wrap from 2147483647 to 1 so the integer ETag never overflows.

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $query$
SELECT s.payload AS "PayloadBinary",
       s.version AS "Version"
FROM grain_state AS s
WHERE s.service_id = @ServiceId
  AND s.grain_type = @GrainTypeString
  AND s.grain_id_n0 = @GrainIdN0
  AND s.grain_id_n1 = @GrainIdN1
  AND s.grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS text), '');
$query$),

('WriteToStorageKey', $query$
WITH expected AS
(
    SELECT CAST(@GrainStateVersion AS integer) AS version
),
updated AS
(
    UPDATE grain_state AS s
       SET payload     = CAST(@PayloadBinary AS bytea),
           version     = CASE WHEN s.version = 2147483647 THEN 1 ELSE s.version + 1 END,
           modified_at = now()
      FROM expected AS e
     WHERE e.version IS NOT NULL
       AND s.service_id = @ServiceId
       AND s.grain_type = @GrainTypeString
       AND s.grain_id_n0 = @GrainIdN0
       AND s.grain_id_n1 = @GrainIdN1
       AND s.grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS text), '')
       AND s.version = e.version
    RETURNING s.version
),
inserted AS
(
    INSERT INTO grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           COALESCE(CAST(@GrainIdExtensionString AS text), ''), CAST(@PayloadBinary AS bytea), 1
      FROM expected AS e
     WHERE e.version IS NULL
    ON CONFLICT ON CONSTRAINT grain_state_pkey DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted;
$query$),

('ClearStorageKey', $query$
UPDATE grain_state AS s
   SET payload     = NULL,
       version     = CASE WHEN s.version = 2147483647 THEN 1 ELSE s.version + 1 END,
       modified_at = now()
 WHERE s.service_id = @ServiceId
   AND s.grain_type = @GrainTypeString
   AND s.grain_id_n0 = @GrainIdN0
   AND s.grain_id_n1 = @GrainIdN1
   AND s.grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS text), '')
   AND s.version = CAST(@GrainStateVersion AS integer)
RETURNING s.version AS "NewGrainStateVersion";
$query$),

('DeleteStorageKey', $query$
DELETE FROM grain_state AS s
 WHERE s.service_id = @ServiceId
   AND s.grain_type = @GrainTypeString
   AND s.grain_id_n0 = @GrainIdN0
   AND s.grain_id_n1 = @GrainIdN1
   AND s.grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS text), '')
   AND s.version = CAST(@GrainStateVersion AS integer)
RETURNING CASE WHEN s.version = 2147483647 THEN 1 ELSE s.version + 1 END AS "NewGrainStateVersion";
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
