-- Hide other tenants' statistics from tenant roles (ADR 0001, "What a tenant role can see").
--
-- PostgreSQL lets every role read activity and size figures of every table in the database:
-- the pg_stat_* and pg_statio_* views, the pg_stat_get_* functions behind them, the size
-- functions, pg_locks, and the planner's row and page estimates in pg_class. For Agora that would
-- tell one marketplace how many orders, products and users another has and how fast they grow.
-- This script takes those rights from PUBLIC in the current database and gives them back to the
-- app's login role (tooling, tests) and to pg_read_all_stats (monitoring, through pg_monitor).
-- Tenant roles get nothing back: the login role is NOINHERIT, so SET ROLE leaves its grants behind.
--
-- Needs a superuser (the objects belong to the bootstrap superuser), in the app's database, with
-- the login role's name in the setting agora.login_role. ensureAppDatabase runs it (npm start,
-- tests); for a server you run yourself:
--   psql -d agora -c "set agora.login_role = 'agora'" -f packages/db/sql/restrict-statistics.sql
-- Idempotent. Run it again after a major upgrade or after CREATE EXTENSION pg_stat_statements.
DO $restrict$
DECLARE
  login text := current_setting('agora.login_role');
  f regprocedure;
  v regclass;
BEGIN
  FOR f IN
    SELECT p.oid::regprocedure FROM pg_proc p
     WHERE (p.pronamespace = 'pg_catalog'::regnamespace
            AND (p.proname LIKE 'pg\_stat\_get\_%'
                 OR p.proname IN ('pg_stat_have_stats', 'pg_lock_status', 'pg_relation_size',
                                  'pg_table_size', 'pg_indexes_size', 'pg_total_relation_size')))
        OR p.proname LIKE 'pg\_stat\_statements%'
  LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO pg_read_all_stats, %I', f, login);
  END LOOP;
  FOR v IN
    SELECT c.oid::regclass FROM pg_class c
     WHERE c.relkind = 'v'
       AND ((c.relnamespace = 'pg_catalog'::regnamespace
             AND (c.relname LIKE 'pg\_stat%' OR c.relname = 'pg_locks'))
            OR c.relname LIKE 'pg\_stat\_statements%')
  LOOP
    EXECUTE format('REVOKE SELECT ON %s FROM PUBLIC', v);
    EXECUTE format('GRANT SELECT ON %s TO pg_read_all_stats, %I', v, login);
  END LOOP;
  -- pg_class stays readable (names, kinds, owners: tools and drivers need them) except the
  -- planner's estimates of rows and pages.
  REVOKE SELECT ON pg_catalog.pg_class FROM PUBLIC;
  EXECUTE format('GRANT SELECT (%s) ON pg_catalog.pg_class TO PUBLIC',
    (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
      WHERE a.attrelid = 'pg_catalog.pg_class'::regclass AND a.attnum > 0 AND NOT a.attisdropped
        AND a.attname NOT IN ('relpages', 'reltuples', 'relallvisible', 'relallfrozen')));
  EXECUTE format('GRANT SELECT ON pg_catalog.pg_class TO pg_read_all_stats, %I', login);
END
$restrict$;
