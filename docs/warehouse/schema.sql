-- indeks warehouse schema for PostgreSQL (13 or later).
--
-- One table per data file of a run folder, with the file's columns in the
-- file's order (docs/outputs.md describes them; docs/warehouse/README.md the
-- load), preceded by run_id. docs/warehouse/load.sh loads a run folder
-- with docs/warehouse/load.sql, in one transaction.
--
-- What a reader sees:
--   * year tables (regions, innovations, explain, suggestions, clusters): the rows
--     of exactly one run per assessment year, the run indeks.loads names.
--     A load replaces every year its run covers, all at once.
--   * run tables (files, agencies, rejects, warnings): per run, for every
--     run some year still comes from; filter them by run_id through
--     indeks.loads (the view indeks.current_runs lists those runs).
--   * innovation rows whose year could not be read, or is not a year the
--     run scored (an invalid record's year as written), have year NULL or
--     that year and belong to their run like the run tables.
-- Text columns hold the CSV text as is (an empty field is ''), including
-- the leading ' that neutralizes spreadsheet formulas; an empty numeric
-- field is NULL.
--
-- Apply once: psql -v ON_ERROR_STOP=1 -f docs/warehouse/schema.sql

CREATE SCHEMA IF NOT EXISTS indeks;

-- Every run loaded, from its manifest.json.
CREATE TABLE IF NOT EXISTS indeks.runs (
	run_id             text PRIMARY KEY,    -- the run folder's name (UTC time)
	tool_version       text NOT NULL,
	started            timestamptz NOT NULL,
	finished           timestamptz NOT NULL,
	methodology_sha256 text NOT NULL,
	records_read       integer NOT NULL,
	used               integer NOT NULL,
	rejected           integer NOT NULL,
	superseded         integer NOT NULL,
	loaded_at          timestamptz NOT NULL DEFAULT now(),
	manifest           jsonb NOT NULL
);

-- Which run each assessment year comes from now.
CREATE TABLE IF NOT EXISTS indeks.loads (
	year      integer PRIMARY KEY,
	run_id    text NOT NULL REFERENCES indeks.runs ON DELETE CASCADE,
	loaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE VIEW indeks.current_runs AS
	SELECT DISTINCT run_id FROM indeks.loads;

-- regions.csv: one row per master region and year.
CREATE TABLE IF NOT EXISTS indeks.regions (
	run_id           text NOT NULL REFERENCES indeks.runs ON DELETE CASCADE,
	year             integer NOT NULL,
	region_code      text NOT NULL,
	region_name      text NOT NULL,
	level            text NOT NULL,
	province_code    text NOT NULL,
	spd              numeric(7, 2) NOT NULL,
	sid              numeric(7, 2) NOT NULL,
	jumlah_score     numeric(7, 2) NOT NULL,
	divisor          integer NOT NULL,
	n_div            integer NOT NULL,
	n_count          integer NOT NULL,
	n_ditolak        integer NOT NULL,
	n_excluded       integer NOT NULL,
	avg_maturity     numeric(7, 2),          -- NULL: no scored innovation
	avg_maturity_pct numeric(7, 2),
	iid              numeric(5, 2) NOT NULL,
	predicate        text NOT NULL,
	rank_national    integer NOT NULL,
	rank_province    integer,                -- NULL for a province
	PRIMARY KEY (year, region_code)
);

-- innovations.csv: one row per innovation record read.
CREATE TABLE IF NOT EXISTS indeks.innovations (
	run_id              text NOT NULL REFERENCES indeks.runs ON DELETE CASCADE,
	year                integer,             -- NULL: not a readable year
	region_code         text NOT NULL,       -- as written for invalid rows
	id_inovasi          text NOT NULL,
	nama_inovasi        text NOT NULL,
	perangkat_daerah    text NOT NULL,
	bentuk              text NOT NULL,
	jenis               text NOT NULL,
	inisiator           text NOT NULL,
	urusan              text NOT NULL,
	tahapan             text NOT NULL,
	tanggal_penerapan   text NOT NULL,       -- YYYY-MM-DD; '' for invalid rows
	tanggal_kirim       text NOT NULL,       -- YYYY-MM-DD[ hh:mm[:ss]]
	status_verifikasi   text NOT NULL,
	disposition         text NOT NULL,
	reason              text NOT NULL,
	claimed_points      numeric(7, 2),
	scored_points       numeric(7, 2),
	counted_points      numeric(7, 2),       -- NULL: counts nowhere
	unevidenced_answers integer,
	file                text NOT NULL,
	line                integer NOT NULL
);
CREATE INDEX IF NOT EXISTS innovations_year ON indeks.innovations (year, region_code);
CREATE INDEX IF NOT EXISTS innovations_run ON indeks.innovations (run_id);

-- rejects.csv and warnings.csv: one row per problem.
CREATE TABLE IF NOT EXISTS indeks.rejects (
	run_id  text NOT NULL REFERENCES indeks.runs ON DELETE CASCADE,
	file    text NOT NULL,
	line    integer NOT NULL,                -- 0: the whole file
	field   text NOT NULL,
	value   text NOT NULL,
	code    text NOT NULL,
	message text NOT NULL
);
CREATE INDEX IF NOT EXISTS rejects_run ON indeks.rejects (run_id, file);

CREATE TABLE IF NOT EXISTS indeks.warnings (
	run_id  text NOT NULL REFERENCES indeks.runs ON DELETE CASCADE,
	file    text NOT NULL,
	line    integer NOT NULL,
	field   text NOT NULL,
	value   text NOT NULL,
	code    text NOT NULL,
	message text NOT NULL
);
CREATE INDEX IF NOT EXISTS warnings_run ON indeks.warnings (run_id, file);

-- files.csv: the accounting per input file.
CREATE TABLE IF NOT EXISTS indeks.files (
	run_id     text NOT NULL REFERENCES indeks.runs ON DELETE CASCADE,
	file       text NOT NULL,
	shape      text NOT NULL,
	kind       text NOT NULL,
	status     text NOT NULL,
	code       text NOT NULL,
	read       integer NOT NULL,
	used       integer NOT NULL,
	rejected   integer NOT NULL,
	superseded integer NOT NULL,
	warnings   integer NOT NULL,
	PRIMARY KEY (run_id, file)
);

-- agencies.csv: the accounting per region and agency.
CREATE TABLE IF NOT EXISTS indeks.agencies (
	run_id           text NOT NULL REFERENCES indeks.runs ON DELETE CASCADE,
	region_code      text NOT NULL,
	region_name      text NOT NULL,
	perangkat_daerah text NOT NULL,
	files            integer NOT NULL,
	read             integer NOT NULL,
	used             integer NOT NULL,
	rejected         integer NOT NULL,
	superseded       integer NOT NULL,
	warnings         integer NOT NULL,
	PRIMARY KEY (run_id, region_code, perangkat_daerah)
);

-- explain.csv: a region's points per variable.
CREATE TABLE IF NOT EXISTS indeks.explain (
	run_id      text NOT NULL REFERENCES indeks.runs ON DELETE CASCADE,
	year        integer NOT NULL,
	region_code text NOT NULL,
	aspect      text NOT NULL,
	variable    text NOT NULL,
	points      numeric(7, 2) NOT NULL,
	max_points  numeric(7, 2) NOT NULL
);
CREATE INDEX IF NOT EXISTS explain_year ON indeks.explain (year, region_code);

-- suggestions.csv: the cheapest steps to a region's next predicate.
CREATE TABLE IF NOT EXISTS indeks.suggestions (
	run_id          text NOT NULL REFERENCES indeks.runs ON DELETE CASCADE,
	year            integer NOT NULL,
	region_code     text NOT NULL,
	next_predicate  text NOT NULL,
	iid_lacking     numeric(5, 2) NOT NULL,
	step            integer NOT NULL,
	change          text NOT NULL,
	file            text NOT NULL,
	line            integer,
	id_inovasi      text NOT NULL,
	"row"           text NOT NULL,
	level_now       integer,
	level_after     integer,
	iid_gain        numeric(5, 2) NOT NULL,
	iid_after       numeric(5, 2) NOT NULL,
	predicate_after text NOT NULL
);
CREATE INDEX IF NOT EXISTS suggestions_year ON indeks.suggestions (year, region_code);

-- clusters.csv: ranks within the master's tag clusters.
CREATE TABLE IF NOT EXISTS indeks.clusters (
	run_id      text NOT NULL REFERENCES indeks.runs ON DELETE CASCADE,
	year        integer NOT NULL,
	cluster     text NOT NULL,
	level       text NOT NULL,
	region_code text NOT NULL,
	iid         numeric(5, 2) NOT NULL,
	rank        integer NOT NULL
);
CREATE INDEX IF NOT EXISTS clusters_year ON indeks.clusters (year, cluster, level);
