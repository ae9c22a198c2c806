-- The SQL m20261122_160000_create_partition_functions runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE FUNCTION create_monthly_partitions(parent regclass, first_month date, months integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    parent_name text;
    key_column text;
    default_partition regclass;
    month_start date;
    lower_bound timestamptz;
    upper_bound timestamptz;
    partition_name text;
    has_rows boolean;
    created integer := 0;
BEGIN
    SELECT c.relname, a.attname INTO parent_name, key_column
      FROM pg_partitioned_table pt
      JOIN pg_class c ON c.oid = pt.partrelid
      JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]
     WHERE pt.partrelid = parent;
    IF parent_name IS NULL THEN
        RAISE EXCEPTION '% is not a partitioned table', parent;
    END IF;
    IF months < 1 OR months > 120 THEN
        RAISE EXCEPTION 'months must be between 1 and 120, not %', months;
    END IF;
    default_partition := to_regclass(format('%I', parent_name || '_default'));
    FOR i IN 0 .. months - 1 LOOP
        month_start := (date_trunc('month', first_month) + make_interval(months => i))::date;
        partition_name := format('%s_y%sm%s', parent_name, to_char(month_start, 'YYYY'), to_char(month_start, 'MM'));
        CONTINUE WHEN to_regclass(format('%I', partition_name)) IS NOT NULL;
        lower_bound := month_start::timestamp AT TIME ZONE 'UTC';
        upper_bound := (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC';
        has_rows := false;
        IF default_partition IS NOT NULL THEN
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE %I >= $1 AND %I < $2)',
                           default_partition, key_column, key_column)
               INTO has_rows USING lower_bound, upper_bound;
        END IF;
        IF has_rows THEN
            -- Move the month's rows out of the default partition, then attach them as the new
            -- partition; all in the caller's transaction.
            EXECUTE format('CREATE TABLE %I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition_name, parent);
            EXECUTE format('WITH moved AS (DELETE FROM %s WHERE %I >= $1 AND %I < $2 RETURNING *) INSERT INTO %I SELECT * FROM moved',
                           default_partition, key_column, key_column, partition_name)
               USING lower_bound, upper_bound;
            EXECUTE format('ALTER TABLE %s ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                           parent, partition_name, lower_bound, upper_bound);
        ELSE
            EXECUTE format('CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)',
                           partition_name, parent, lower_bound, upper_bound);
        END IF;
        created := created + 1;
    END LOOP;
    RETURN created;
END $$;
-- @statement
COMMENT ON FUNCTION create_monthly_partitions(regclass, date, integer) IS 'Creates the monthly partitions <table>_yYYYYmMM of a range-partitioned table for `months` months from `first_month` (UTC), moving rows out of <table>_default where needed. Returns how many it created; existing months are skipped.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP FUNCTION create_monthly_partitions(regclass, date, integer);

-- @sqlite up

-- @sqlite down
