-- iid.sql: the IID 2023 method (docs/scoring.md) as one DuckDB query, the
-- peer `make bench` times indeks against: read every file, validate levels,
-- apply the evidence rule, keep the latest copy of each record, score,
-- aggregate per region, rank. bench/duckdb_iid.mjs runs it inside
-- COPY (...) TO, after setting these variables from the methodology folder
-- and the command line:
--
--   input_glob     every submission file, e.g. 'data/40k/**/*.csv'
--   indicators     methodology/iid-2023/indicators.csv (rows and weights)
--   predicates     methodology/iid-2023/predicates.csv
--   master         master/regions.csv (every region gets a row)
--   divisor_floor, jumlah_per_h (hundredths), jumlah_cap, max_total_h
--   (hundredths), eligible_from, eligible_to   from method.conf
--
-- What it does not do, because the benchmark data never needs it (the
-- pipeline does all of it): other shapes than canonical wide CSV, header
-- synonyms, Indonesian number and date spellings, vocabularies, region
-- names, and the line of a record (copies with equal tanggal_kirim are
-- settled by the path alone; bench/gen.c never puts two copies in one file).
--
-- Every amount is an integer count of hundredths, as in the pipeline, and
-- the one rounding (half up) is integer arithmetic on HUGEINT: the result
-- is exact, so it can be compared with regions.csv to the cent.
WITH
-- Materialized: the files are read once, not once per use below; only
-- the columns the method needs are kept.
raw AS MATERIALIZED (
    SELECT row_number() OVER () AS rec_id, filename, tahun, kode_wilayah, id_inovasi,
           status_verifikasi, tanggal_penerapan, tanggal_kirim,
           COLUMNS('^(ind|bukti|verif)_[0-9]+[a-z]?$')
    FROM read_csv(getvariable('input_glob'),
                  union_by_name = true, filename = true, all_varchar = true,
                  header = true, delim = ',', quote = '"', escape = '"')
),
rec AS (
    SELECT rec_id, filename,
           TRY_CAST(trim(tahun) AS INTEGER) AS tahun,
           trim(kode_wilayah) AS kode,
           trim(id_inovasi) AS id,
           -- a file with an id_inovasi column holds innovations, else SPD
           id_inovasi IS NOT NULL AS innovation,
           lower(trim(coalesce(status_verifikasi, ''))) AS status,
           TRY_CAST(nullif(trim(tanggal_penerapan), '') AS DATE) AS penerapan,
           -- a bare date is midnight, as the input format says
           TRY_CAST(trim(tanggal_kirim) AS TIMESTAMP) AS kirim
    FROM raw
),
-- One row per answer. INCLUDE NULLS matters: DuckDB's unpivot otherwise
-- drops a row when any of its three values is NULL (an answer with a
-- claimed level and evidence but no verified level would vanish).
sid_answers AS (
    SELECT * FROM (SELECT rec_id, COLUMNS('^(ind|bukti|verif)_(1[6-9]|2[0-9]|3[0-5])$')
                   FROM raw WHERE id_inovasi IS NOT NULL)
    UNPIVOT INCLUDE NULLS ((claimed, bukti, verif) FOR ind_row IN (
        (ind_16, bukti_16, verif_16) AS '16', (ind_17, bukti_17, verif_17) AS '17',
        (ind_18, bukti_18, verif_18) AS '18', (ind_19, bukti_19, verif_19) AS '19',
        (ind_20, bukti_20, verif_20) AS '20', (ind_21, bukti_21, verif_21) AS '21',
        (ind_22, bukti_22, verif_22) AS '22', (ind_23, bukti_23, verif_23) AS '23',
        (ind_24, bukti_24, verif_24) AS '24', (ind_25, bukti_25, verif_25) AS '25',
        (ind_26, bukti_26, verif_26) AS '26', (ind_27, bukti_27, verif_27) AS '27',
        (ind_28, bukti_28, verif_28) AS '28', (ind_29, bukti_29, verif_29) AS '29',
        (ind_30, bukti_30, verif_30) AS '30', (ind_31, bukti_31, verif_31) AS '31',
        (ind_32, bukti_32, verif_32) AS '32', (ind_33, bukti_33, verif_33) AS '33',
        (ind_34, bukti_34, verif_34) AS '34', (ind_35, bukti_35, verif_35) AS '35'))
),
spd_answers AS (
    SELECT * FROM (SELECT rec_id, COLUMNS('^(ind|bukti|verif)_([1-9]|1[0-5])[ab]?$')
                   FROM raw WHERE id_inovasi IS NULL)
    UNPIVOT INCLUDE NULLS ((claimed, bukti, verif) FOR ind_row IN (
        (ind_1, bukti_1, verif_1) AS '1', (ind_2a, bukti_2a, verif_2a) AS '2a',
        (ind_2b, bukti_2b, verif_2b) AS '2b', (ind_3, bukti_3, verif_3) AS '3',
        (ind_4, bukti_4, verif_4) AS '4', (ind_5a, bukti_5a, verif_5a) AS '5a',
        (ind_5b, bukti_5b, verif_5b) AS '5b', (ind_6, bukti_6, verif_6) AS '6',
        (ind_7, bukti_7, verif_7) AS '7', (ind_8, bukti_8, verif_8) AS '8',
        (ind_9, bukti_9, verif_9) AS '9', (ind_10a, bukti_10a, verif_10a) AS '10a',
        (ind_10b, bukti_10b, verif_10b) AS '10b', (ind_11a, bukti_11a, verif_11a) AS '11a',
        (ind_11b, bukti_11b, verif_11b) AS '11b', (ind_12, bukti_12, verif_12) AS '12',
        (ind_13a, bukti_13a, verif_13a) AS '13a', (ind_13b, bukti_13b, verif_13b) AS '13b',
        (ind_14, bukti_14, verif_14) AS '14', (ind_15, bukti_15, verif_15) AS '15'))
),
weights AS (
    SELECT trim("row") AS ind_row, trim(aspect) AS aspect,
           CAST(round(CAST(weight AS DECIMAL(9, 2)) * 100) AS INTEGER) AS w_h
    FROM read_csv(getvariable('indicators'), header = true, all_varchar = true)
),
answers AS (
    SELECT a.rec_id, w.w_h,
           trim(coalesce(a.claimed, '')) AS claimed,
           trim(coalesce(a.bukti, '')) AS bukti,
           trim(coalesce(a.verif, '')) AS verif
    FROM (SELECT *, 'sid' AS aspect FROM sid_answers
          UNION ALL SELECT *, 'spd' AS aspect FROM spd_answers) a
    JOIN weights w USING (ind_row, aspect)
),
scored AS (
    SELECT rec_id,
           -- validate: a level or verified level is 0..3 or empty; one bad
           -- value rejects the whole record (LEVEL_RANGE)
           bool_or(claimed NOT IN ('', '0', '1', '2', '3')
                   OR verif NOT IN ('', '0', '1', '2', '3')) AS invalid,
           -- evidence_rule = verified_or_evidenced
           sum(w_h * CASE WHEN verif <> '' THEN TRY_CAST(verif AS INTEGER)
                          WHEN bukti <> '' AND claimed <> '' THEN TRY_CAST(claimed AS INTEGER)
                          ELSE 0 END) AS points_h
    FROM answers
    GROUP BY rec_id
),
-- Duplicates are settled among valid records only: the latest
-- tanggal_kirim wins, on equal times the copy read last (byte order of the
-- path).
latest AS (
    SELECT r.*, coalesce(s.points_h, 0) AS points_h
    FROM rec r LEFT JOIN scored s USING (rec_id)
    WHERE NOT coalesce(s.invalid, false)
    QUALIFY row_number() OVER (PARTITION BY r.tahun, r.kode, r.innovation, r.id
                               ORDER BY r.kirim DESC, r.filename DESC) = 1
),
innovations AS (
    SELECT tahun, kode, points_h,
           -- ditolak counts in the divisor even outside the window
           CASE WHEN status = 'ditolak' THEN 'ditolak'
                WHEN penerapan < getvariable('eligible_from')
                  OR penerapan > getvariable('eligible_to') THEN 'excluded'
                ELSE 'scored' END AS disp
    FROM latest WHERE innovation
),
per_region AS (
    SELECT tahun, kode,
           count(*) FILTER (WHERE disp IN ('scored', 'ditolak')) AS n_div,
           count(*) FILTER (WHERE disp = 'scored') AS n_count,
           coalesce(sum(points_h) FILTER (WHERE disp = 'scored'), 0) AS sum_h
    FROM innovations GROUP BY tahun, kode
),
spd AS (
    SELECT tahun, kode, points_h AS spd_h FROM latest WHERE NOT innovation
),
master AS (
    SELECT trim(code) AS code, lower(trim(level)) AS level,
           CASE WHEN lower(trim(level)) = 'provinsi' THEN trim(code)
                ELSE trim(parent_code) END AS province
    FROM read_csv(getvariable('master'), header = true, all_varchar = true)
),
-- Every master region, every year that has records.
regions AS (
    SELECT y.tahun, m.code, m.level, m.province,
           coalesce(s.spd_h, 0) AS spd_h, coalesce(p.sum_h, 0) AS sum_h,
           coalesce(p.n_div, 0) AS n_div, coalesce(p.n_count, 0) AS n_count
    FROM (SELECT DISTINCT tahun FROM latest) y CROSS JOIN master m
    LEFT JOIN per_region p ON p.tahun = y.tahun AND p.kode = m.code
    LEFT JOIN spd s ON s.tahun = y.tahun AND s.kode = m.code
),
components AS (
    SELECT *,
           greatest(getvariable('divisor_floor'), n_div) AS d,
           getvariable('jumlah_per_h') * least(n_count, getvariable('jumlah_cap')) AS j_h
    FROM regions
),
exact AS (
    -- IID_h = round_half_up((SPD_h*D + sum_h + J_h*D) * 10000 / (D * max_total_h))
    -- and round_half_up(n / d) = floor((2n + d) / 2d)
    SELECT *,
           CAST(sum_h AS HUGEINT) + CAST(j_h AS HUGEINT) * d AS sid_num,
           (CAST(spd_h AS HUGEINT) * d + sum_h + CAST(j_h AS HUGEINT) * d) * 10000 AS iid_num,
           CAST(d AS HUGEINT) * getvariable('max_total_h') AS iid_den
    FROM components
),
rounded AS (
    SELECT *,
           (2 * iid_num + iid_den) // (2 * iid_den) AS iid_h,
           (2 * sid_num + d) // (2 * d) AS sid_h
    FROM exact
),
predicates AS (
    SELECT trim(predicate) AS predicate,
           CAST(round(CAST(from_iid AS DECIMAL(9, 2)) * 100) AS INTEGER) AS from_h
    FROM read_csv(getvariable('predicates'), header = true, all_varchar = true)
)
SELECT r.tahun AS year,
       r.code AS region_code,
       printf('%d.%02d', r.spd_h // 100, r.spd_h % 100) AS spd,
       printf('%d.%02d', r.sid_h // 100, r.sid_h % 100) AS sid,
       printf('%d.%02d', r.j_h // 100, r.j_h % 100) AS jumlah_score,
       r.d AS divisor,
       r.n_div,
       r.n_count,
       printf('%d.%02d', r.iid_h // 100, r.iid_h % 100) AS iid,
       -- the first bound from the top that the rounded IID reaches; the
       -- 0.00 bound only for exactly 0.00
       (SELECT p.predicate FROM predicates p
        WHERE p.from_h <= r.iid_h AND (p.from_h > 0 OR r.iid_h = 0)
        ORDER BY p.from_h DESC LIMIT 1) AS predicate,
       rank() OVER (PARTITION BY r.tahun, r.level ORDER BY r.iid_h DESC) AS rank_national,
       CASE WHEN r.level <> 'provinsi' THEN
            rank() OVER (PARTITION BY r.tahun, r.province, r.level = 'provinsi'
                         ORDER BY r.iid_h DESC) END AS rank_province
FROM rounded r
ORDER BY r.tahun, r.code
