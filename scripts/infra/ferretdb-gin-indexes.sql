-- FerretDB 1.24 on PostgreSQL hands an equality filter to PostgreSQL as `_jsonb -> 'field' @> value`,
-- but indexes a field as a btree on `(_jsonb -> 'field')`, which cannot serve `@>`: every query scans
-- its table. For each such btree this adds a GIN index on its leading expression, which can (with custom
-- plans: the key is a statement parameter, see plan_cache_mode in local-postgres.ts). Only the leading
-- one, as MongoDB enters a compound index by its prefix: the later keys of our compound indexes (a
-- `withdrawn` or `visible` flag, a version, a date) would select most of a table, and each GIN index is
-- one more write for every document stored (measured in docs/BENCHMARKS.md, session 5). An event trigger
-- covers indexes FerretDB creates from now on; the loop at the end covers those that already exist.
-- Applied by `infra:up` on every start; safe to repeat.

-- FerretDB sends the field name as a statement parameter (`_jsonb -> $1 @> $2`): only a plan made with the
-- values in hand matches the GIN indexes below, so sessions never switch to a generic plan.
ALTER DATABASE postgres SET plan_cache_mode = force_custom_plan;

CREATE OR REPLACE FUNCTION frontpage_add_gin_twins(btree_index oid) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  expression text;
BEGIN
  IF (SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.oid = btree_index) <> 'btree' THEN
    RETURN;
  END IF;
  expression := pg_get_indexdef(btree_index, 1, true);
  -- Top-level fields only: FerretDB does not push dotted paths down by default.
  IF expression !~ '^\(?_jsonb -> ''[^'']+''::text\)?$' THEN
    RETURN;
  END IF;
  EXECUTE format(
    'CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((%s) jsonb_path_ops)',
    left(md5(btree_index::regclass::text || expression), 24) || '_gin',
    (SELECT indrelid::regclass::text FROM pg_index WHERE indexrelid = btree_index),
    expression
  );
END
$fn$;

CREATE OR REPLACE FUNCTION frontpage_gin_for_new_indexes() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  command record;
BEGIN
  FOR command IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE INDEX' AND object_type = 'index' LOOP
    PERFORM frontpage_add_gin_twins(command.objid);
  END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS frontpage_gin_for_new_indexes;
CREATE EVENT TRIGGER frontpage_gin_for_new_indexes ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION frontpage_gin_for_new_indexes();

SELECT frontpage_add_gin_twins(i.indexrelid)
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_am am ON am.oid = c.relam
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE am.amname = 'btree' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast');
