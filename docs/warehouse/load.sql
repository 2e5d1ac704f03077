-- Loads one run folder into the indeks schema (schema.sql), replacing
-- every assessment year the run covers. psql runs it in the run folder
-- (the \copy paths are relative) and in ONE transaction
-- (--single-transaction): a reader sees the previous load or this one,
-- never a mix, and a load that fails part way changes nothing.
-- docs/warehouse/load.sh is the way to call it.
\set ON_ERROR_STOP on

-- Loads never overlap; readers are not blocked (EXCLUSIVE allows SELECT).
LOCK TABLE indeks.loads IN EXCLUSIVE MODE;

\set manifest `cat manifest.json`
SELECT :'manifest'::jsonb -> 'run' ->> 'id' AS run_id \gset
-- For the checks below (a DO block cannot see psql variables).
SELECT set_config('indeks.manifest', :'manifest', true) IS NOT NULL AS ok \gset

-- The files as they are, all text, checked and typed on the way in.
CREATE TEMP TABLE s_regions (
	year text, region_code text, region_name text, level text, province_code text,
	spd text, sid text, jumlah_score text, divisor text, n_div text, n_count text,
	n_ditolak text, n_excluded text, avg_maturity text, avg_maturity_pct text, iid text,
	predicate text, rank_national text, rank_province text
) ON COMMIT DROP;
CREATE TEMP TABLE s_innovations (
	year text, region_code text, id_inovasi text, nama_inovasi text, perangkat_daerah text,
	bentuk text, jenis text, inisiator text, urusan text, tahapan text,
	tanggal_penerapan text, tanggal_kirim text, status_verifikasi text, disposition text,
	reason text, claimed_points text, scored_points text, counted_points text,
	unevidenced_answers text, file text, line text
) ON COMMIT DROP;
CREATE TEMP TABLE s_rejects (
	file text, line text, field text, value text, code text, message text
) ON COMMIT DROP;
CREATE TEMP TABLE s_warnings (LIKE s_rejects) ON COMMIT DROP;
CREATE TEMP TABLE s_files (
	file text, shape text, kind text, status text, code text, read text, used text,
	rejected text, superseded text, warnings text
) ON COMMIT DROP;
CREATE TEMP TABLE s_agencies (
	region_code text, region_name text, perangkat_daerah text, files text, read text,
	used text, rejected text, superseded text, warnings text
) ON COMMIT DROP;
CREATE TEMP TABLE s_explain (
	year text, region_code text, aspect text, variable text, points text, max_points text
) ON COMMIT DROP;
CREATE TEMP TABLE s_clusters (
	year text, cluster text, level text, region_code text, iid text, rank text
) ON COMMIT DROP;
CREATE TEMP TABLE s_suggestions (
	year text, region_code text, next_predicate text, iid_lacking text, step text,
	change text, file text, line text, id_inovasi text, "row" text, level_now text,
	level_after text, iid_gain text, iid_after text, predicate_after text
) ON COMMIT DROP;

-- The gzip copies, the warehouse feed (verify checked them first).
\copy s_regions FROM PROGRAM 'gzip -dc regions.csv.gz' WITH (FORMAT csv, HEADER true)
\copy s_innovations FROM PROGRAM 'gzip -dc innovations.csv.gz' WITH (FORMAT csv, HEADER true)
\copy s_rejects FROM PROGRAM 'gzip -dc rejects.csv.gz' WITH (FORMAT csv, HEADER true)
\copy s_warnings FROM PROGRAM 'gzip -dc warnings.csv.gz' WITH (FORMAT csv, HEADER true)
\copy s_files FROM PROGRAM 'gzip -dc files.csv.gz' WITH (FORMAT csv, HEADER true)
\copy s_agencies FROM PROGRAM 'gzip -dc agencies.csv.gz' WITH (FORMAT csv, HEADER true)
-- Written by runs that explain their scores and rank tag clusters (older
-- runs did not).
\set has_explain `test -f explain.csv.gz && echo 1 || echo 0`
\if :has_explain
\copy s_explain FROM PROGRAM 'gzip -dc explain.csv.gz' WITH (FORMAT csv, HEADER true)
\endif
\set has_suggestions `test -f suggestions.csv.gz && echo 1 || echo 0`
\if :has_suggestions
\copy s_suggestions FROM PROGRAM 'gzip -dc suggestions.csv.gz' WITH (FORMAT csv, HEADER true)
\endif
\set has_clusters `test -f clusters.csv.gz && echo 1 || echo 0`
\if :has_clusters
\copy s_clusters FROM PROGRAM 'gzip -dc clusters.csv.gz' WITH (FORMAT csv, HEADER true)
\endif

-- Only a run that succeeded, and that covers at least one year.
DO $$
DECLARE m jsonb := current_setting('indeks.manifest')::jsonb;
BEGIN
	IF (m -> 'run' ->> 'exit_status')::integer <> 0 THEN
		RAISE EXCEPTION 'run % did not succeed (exit status %): not loaded',
			m -> 'run' ->> 'id', m -> 'run' ->> 'exit_status';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM s_regions) THEN
		RAISE EXCEPTION 'run % has no regions: nothing to load', m -> 'run' ->> 'id';
	END IF;
END $$;

-- The run itself. Loading a run again replaces it (and its rows, by cascade).
DELETE FROM indeks.runs WHERE run_id = :'run_id';
INSERT INTO indeks.runs (run_id, tool_version, started, finished, methodology_sha256,
			 records_read, used, rejected, superseded, manifest)
SELECT :'run_id', m -> 'tool' ->> 'version', (m -> 'run' ->> 'started')::timestamptz,
       (m -> 'run' ->> 'finished')::timestamptz, m -> 'methodology' ->> 'sha256',
       (m -> 'accounting' ->> 'records_read')::integer, (m -> 'accounting' ->> 'used')::integer,
       (m -> 'accounting' ->> 'rejected')::integer,
       (m -> 'accounting' ->> 'superseded')::integer, m
FROM (SELECT :'manifest'::jsonb AS m) AS x;

-- The years this run replaces: their rows go, whichever run they came from.
CREATE TEMP TABLE s_years ON COMMIT DROP AS
	SELECT DISTINCT year::integer AS year FROM s_regions;
DELETE FROM indeks.regions WHERE year IN (SELECT year FROM s_years);
DELETE FROM indeks.innovations WHERE year IN (SELECT year FROM s_years);
DELETE FROM indeks.explain WHERE year IN (SELECT year FROM s_years);
DELETE FROM indeks.suggestions WHERE year IN (SELECT year FROM s_years);
DELETE FROM indeks.clusters WHERE year IN (SELECT year FROM s_years);
INSERT INTO indeks.loads (year, run_id)
	SELECT year, :'run_id' FROM s_years
	ON CONFLICT (year) DO UPDATE SET run_id = EXCLUDED.run_id, loaded_at = now();
-- A run no year comes from any more goes, with every row of its own.
DELETE FROM indeks.runs r WHERE NOT EXISTS (SELECT 1 FROM indeks.loads l WHERE l.run_id = r.run_id);

-- Numbers typed (an empty field is NULL), text as written ('' for empty).
INSERT INTO indeks.regions
SELECT :'run_id', year::integer, coalesce(region_code, ''), coalesce(region_name, ''),
       coalesce(level, ''), coalesce(province_code, ''), spd::numeric, sid::numeric,
       jumlah_score::numeric, divisor::integer, n_div::integer, n_count::integer,
       n_ditolak::integer, n_excluded::integer, avg_maturity::numeric,
       avg_maturity_pct::numeric, iid::numeric, coalesce(predicate, ''),
       rank_national::integer, rank_province::integer
FROM s_regions;

INSERT INTO indeks.innovations
SELECT :'run_id', CASE WHEN year ~ '^[0-9]{4}$' THEN year::integer END,
       coalesce(region_code, ''), coalesce(id_inovasi, ''), coalesce(nama_inovasi, ''),
       coalesce(perangkat_daerah, ''), coalesce(bentuk, ''), coalesce(jenis, ''),
       coalesce(inisiator, ''), coalesce(urusan, ''), coalesce(tahapan, ''),
       coalesce(tanggal_penerapan, ''), coalesce(tanggal_kirim, ''),
       coalesce(status_verifikasi, ''), coalesce(disposition, ''), coalesce(reason, ''),
       claimed_points::numeric, scored_points::numeric, counted_points::numeric,
       unevidenced_answers::integer, coalesce(file, ''), line::integer
FROM s_innovations;

INSERT INTO indeks.rejects
SELECT :'run_id', coalesce(file, ''), line::integer, coalesce(field, ''), coalesce(value, ''),
       coalesce(code, ''), coalesce(message, '')
FROM s_rejects;

INSERT INTO indeks.warnings
SELECT :'run_id', coalesce(file, ''), line::integer, coalesce(field, ''), coalesce(value, ''),
       coalesce(code, ''), coalesce(message, '')
FROM s_warnings;

INSERT INTO indeks.files
SELECT :'run_id', coalesce(file, ''), coalesce(shape, ''), coalesce(kind, ''),
       coalesce(status, ''), coalesce(code, ''), read::integer, used::integer,
       rejected::integer, superseded::integer, warnings::integer
FROM s_files;

INSERT INTO indeks.agencies
SELECT :'run_id', coalesce(region_code, ''), coalesce(region_name, ''),
       coalesce(perangkat_daerah, ''), files::integer, read::integer, used::integer,
       rejected::integer, superseded::integer, warnings::integer
FROM s_agencies;

INSERT INTO indeks.explain
SELECT :'run_id', year::integer, coalesce(region_code, ''), coalesce(aspect, ''),
       coalesce(variable, ''), points::numeric, max_points::numeric
FROM s_explain;

INSERT INTO indeks.suggestions
SELECT :'run_id', year::integer, coalesce(region_code, ''), coalesce(next_predicate, ''),
       iid_lacking::numeric, step::integer, coalesce(change, ''), coalesce(file, ''),
       line::integer, coalesce(id_inovasi, ''), coalesce("row", ''), level_now::integer,
       level_after::integer, iid_gain::numeric, iid_after::numeric,
       coalesce(predicate_after, '')
FROM s_suggestions;

INSERT INTO indeks.clusters
SELECT :'run_id', year::integer, coalesce(cluster, ''), coalesce(level, ''),
       coalesce(region_code, ''), iid::numeric, rank::integer
FROM s_clusters;

SELECT format('loaded run %s: years %s, %s regions, %s innovations', :'run_id',
	      (SELECT string_agg(year::text, ', ' ORDER BY year) FROM s_years),
	      (SELECT count(*) FROM s_regions), (SELECT count(*) FROM s_innovations)) AS done \gset
\echo :done
