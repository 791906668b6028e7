-- FerretDB 1.24 on PostgreSQL hands an equality filter to PostgreSQL as `_jsonb -> 'field' @> value`,
-- but indexes a field as a btree on `(_jsonb -> 'field')`, which cannot serve `@>`: every query scans
-- its table. For each such btree this adds a GIN index on its leading expression, which can (with custom
-- plans: the key is a statement parameter, see plan_cache_mode in local-postgres.ts). Only the leading
-- one, as MongoDB enters a compound index by its prefix: the later keys of our compound indexes (a
-- `withdrawn` or `visible` flag, a version, a date) would select most of a table, and each GIN index is
-- one more write for every document stored (measured in docs/BENCHMARKS.md, session 5).
--
-- The btree itself then only costs: FerretDB never reads it (no filter it pushes down is a btree
-- comparison, and it sorts in Go), every insert writes it, and it holds a whole array as one entry, so a
-- document whose array field is large once compressed (a feed item in some hundreds of lists) is refused
-- with "index row size exceeds btree maximum 2704". Each non-unique btree FerretDB makes on a document
-- field is therefore replaced by an empty placeholder of the same name (`((1)) WHERE false`: nothing is
-- ever written to it), so FerretDB still finds the index it recorded when it drops it. Unique btrees stay:
-- they enforce uniqueness. FerretDB's own metadata tables keep their indexes. The btree is built before
-- it can be replaced: an index added to a table that already holds such an array still fails to build
-- (the services declare their indexes when they create a collection, empty).
--
-- An event trigger covers indexes FerretDB creates from now on; the loop at the end covers those that
-- already exist. Applied by `infra:up` on every start; safe to repeat.

-- FerretDB sends the field name as a statement parameter (`_jsonb -> $1 @> $2`): only a plan made with the
-- values in hand matches the GIN indexes below, so sessions never switch to a generic plan.
ALTER DATABASE postgres SET plan_cache_mode = force_custom_plan;

-- Repeated runs would report every GIN index that already exists.
SET client_min_messages = warning;

CREATE OR REPLACE FUNCTION frontpage_adapt_index(btree_index oid) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  owner regclass;
  index_name name;
  unique_index boolean;
  expression text;
BEGIN
  SELECT i.indrelid::regclass, c.relname, i.indisunique INTO owner, index_name, unique_index
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
  WHERE i.indexrelid = btree_index AND am.amname = 'btree';
  -- Not a btree, one of FerretDB's metadata tables, or not on a document field (a placeholder).
  IF owner IS NULL OR (SELECT relname FROM pg_class WHERE oid = owner) LIKE '\_ferretdb\_%'
     OR position('_jsonb' IN pg_get_indexdef(btree_index)) = 0 THEN
    RETURN;
  END IF;
  expression := pg_get_indexdef(btree_index, 1, true);
  -- Top-level fields only: FerretDB does not push dotted paths down by default.
  IF expression ~ '^\(?_jsonb -> ''[^'']+''::text\)?$' THEN
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((%s) jsonb_path_ops)',
      left(md5(btree_index::regclass::text || expression), 24) || '_gin',
      owner::text,
      expression
    );
  END IF;
  IF NOT unique_index THEN
    EXECUTE format('DROP INDEX %s', btree_index::regclass::text);
    EXECUTE format('CREATE INDEX %I ON %s ((1)) WHERE false', index_name, owner::text);
  END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION frontpage_gin_for_new_indexes() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  command record;
BEGIN
  FOR command IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE INDEX' AND object_type = 'index' LOOP
    PERFORM frontpage_adapt_index(command.objid);
  END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS frontpage_gin_for_new_indexes;
CREATE EVENT TRIGGER frontpage_gin_for_new_indexes ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION frontpage_gin_for_new_indexes();
DROP FUNCTION IF EXISTS frontpage_add_gin_twins(oid);

DO $$
BEGIN
  PERFORM frontpage_adapt_index(i.indexrelid)
  FROM pg_index i
  JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_am am ON am.oid = c.relam
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE am.amname = 'btree' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast');
END
$$;
