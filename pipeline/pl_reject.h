/*
 * pl_reject.h: the one table of reject and warning codes.
 *
 * Codes are stable: they are data in rejects.csv that people filter on and
 * warehouses load, so a code is never renamed or reused; a new problem gets
 * a new code. docs/reject-codes.md is generated from this table (make docs)
 * and a test checks that it has not drifted.
 *
 * Scope says what the code counts against in the accounting: a RECORD
 * reject removes one input record; a FILE reject says a whole file could not
 * be read (its records were never read); a WARNING loses nothing.
 * Messages come in Bahasa Indonesia (default) and English; each says what
 * is wrong and what would be accepted.
 */
#ifndef PL_REJECT_H
#define PL_REJECT_H

enum pl_scope { PL_SCOPE_RECORD, PL_SCOPE_FILE, PL_SCOPE_WARNING };
enum pl_lang { PL_LANG_ID, PL_LANG_EN };

/* X(code, scope, message in Indonesian, message in English, example for the
 * documentation) */
#define PL_REJECT_CODES(X)                                                              \
	X(FILE_UNREADABLE, FILE,                                                          \
	  "berkas tidak dapat dibaca; kirim ulang berkasnya",                               \
	  "the file cannot be read; send the file again", "a file without read permission")                                  \
	X(GZIP_CORRUPT, FILE,                                                             \
	  "berkas gzip rusak atau terpotong; kompres ulang dan kirim lagi",                 \
	  "the gzip file is corrupt or truncated; compress it again and resend", "`dinas.csv.gz` cut short in transfer")           \
	X(HEADER_UNKNOWN, FILE,                                                           \
	  "baris judul tidak dikenali; kolom tahun dan kode_wilayah (atau nama_wilayah) "   \
	  "wajib ada",                                                                     \
	  "the header row is not recognised; columns tahun and kode_wilayah (or "          \
	  "nama_wilayah) are required",                                                    \
	  "a file whose first row lacks `tahun` or `kode_wilayah`")                        \
	X(HEADER_DUPLICATE, FILE,                                                         \
	  "nama kolom muncul dua kali pada baris judul; setiap kolom hanya sekali",         \
	  "a column name appears twice in the header row; each column only once", "two columns both named `tahun`")         \
	X(FIELD_COUNT, RECORD,                                                            \
	  "jumlah kolom pada baris ini tidak sama dengan baris judul",                      \
	  "this row has a different number of fields than the header row", "76 fields under a 75-column header (an unquoted comma in a name)")                \
	X(CSV_MALFORMED, RECORD,                                                          \
	  "baris CSV rusak (tanda kutip tidak seimbang); perbaiki tanda kutipnya",          \
	  "malformed CSV row (unbalanced quotes); fix the quoting", "`\"Layanan \"Cepat\" Sehat\"` (unescaped quotes)")                        \
	X(FIELD_TOO_LONG, RECORD,                                                         \
	  "isian terlalu panjang untuk dibaca dengan aman",                                 \
	  "a field is too long to be read safely", "a field over 1 MiB")                                         \
	X(RECORD_TOO_LONG, RECORD,                                                        \
	  "baris terlalu panjang untuk dibaca dengan aman (lebih dari 10000 kolom atau "    \
	  "8 MiB); perbaiki atau pecah barisnya",                                          \
	  "the row is too long to be read safely (over 10000 fields or 8 MiB); fix or "    \
	  "split the row",                                                                 \
	  "a row of 50,000 fields (a delimiter pasted into a cell)")                       \
	X(ENCODING_INVALID, RECORD,                                                       \
	  "baris berisi byte yang bukan teks UTF-8 (atau byte NUL); simpan berkas sebagai " \
	  "CSV UTF-8",                                                                     \
	  "the row holds bytes that are not UTF-8 text (or a NUL byte); save the file as " \
	  "CSV UTF-8",                                                                     \
	  "byte `0xFF` inside a name in a file that is otherwise UTF-8")                   \
	X(ENCODING_UNSUPPORTED, FILE,                                                     \
	  "berkas bukan teks UTF-8 atau Windows-1252 (misalnya UTF-16, atau berkas Excel "  \
	  "atau PDF bernama .csv); simpan sebagai CSV UTF-8",                              \
	  "the file is not UTF-8 or Windows-1252 text (for example UTF-16, or an Excel or " \
	  "PDF file named .csv); save it as CSV UTF-8",                                    \
	  "`dinas.csv` that is really an `.xlsx` workbook")                                \
	X(ENCODING_CONVERTED, WARNING,                                                    \
	  "berkas ditulis dalam Windows-1252 (Excel lama) dan diubah ke UTF-8; periksa "    \
	  "huruf beraksen dan tanda kutip",                                                \
	  "the file was written in Windows-1252 (older Excel) and converted to UTF-8; "    \
	  "check accented letters and quotes",                                             \
	  "a name with `é` or curly quotes saved by Excel 2010")                           \
	X(FILE_TOO_LARGE, FILE,                                                           \
	  "berkas melebihi batas ukuran untuk jenisnya (XML: 32 MiB setelah dekompresi); "  \
	  "pecah menjadi beberapa berkas",                                                 \
	  "the file is over the size limit for its kind (XML: 32 MiB uncompressed); split " \
	  "it into several files",                                                         \
	  "a 40 MiB `kiriman.xml`, or a small `.xml.gz` that inflates past 32 MiB")        \
	X(XML_MALFORMED, FILE,                                                            \
	  "XML tidak tersusun dengan benar (tidak well-formed); perbaiki pada baris yang "  \
	  "disebut",                                                                       \
	  "the XML is not well-formed; fix it at the line given",                          \
	  "`<nama_inovasi>` closed by `</nama>`")                                          \
	X(XML_DTD, FILE,                                                                  \
	  "XML memuat deklarasi DOCTYPE (DTD); hapus: dokumen diperiksa dengan skema XSD",  \
	  "the XML has a DOCTYPE (DTD); remove it: documents are checked against the XSD " \
	  "schema",                                                                        \
	  "`<!DOCTYPE kiriman>`")                                                          \
	X(XML_ENTITY, FILE,                                                               \
	  "XML mendeklarasikan entitas; entitas tidak pernah diperluas, tulis teksnya "     \
	  "langsung",                                                                      \
	  "the XML declares entities; entities are never expanded, write the text itself", \
	  "`<!ENTITY lol \"lol\">` and its nine levels (a billion-laughs bomb)")           \
	X(XML_EXTERNAL, FILE,                                                             \
	  "XML merujuk ke entitas atau DTD eksternal (berkas atau alamat) yang tidak "      \
	  "pernah dibaca; hapus rujukannya",                                               \
	  "the XML refers to an external entity or DTD (a file or address), which is "     \
	  "never read; remove the reference",                                              \
	  "`<!ENTITY x SYSTEM \"file:///etc/passwd\">`")                                   \
	X(XML_LIMIT, FILE,                                                                \
	  "XML melewati batas keamanan (bersarang lebih dari 16 tingkat atau lebih dari "   \
	  "500000 simpul); pecah dokumennya",                                              \
	  "the XML goes past a safety limit (nested deeper than 16 or more than 500000 "   \
	  "nodes); split the document",                                                    \
	  "elements nested 10,000 deep")                                                   \
	X(XML_SCHEMA, FILE,                                                               \
	  "XML tidak sesuai skema kiriman (submission.xsd); perbaiki elemen yang disebut",  \
	  "the XML does not follow the submission schema (submission.xsd); fix the "       \
	  "element named",                                                                 \
	  "an `<inovasi>` without `<nama_inovasi>`")                                       \
	X(HEADER_MIXED, FILE,                                                             \
	  "baris judul mencampur bentuk lebar (ind_<baris>) dan bentuk panjang "            \
	  "(indikator, level); pakai salah satu",                                          \
	  "the header mixes the wide layout (ind_<row>) and the long one (indikator, "     \
	  "level); use one",                                                               \
	  "columns `ind_16` and `indikator` in one file")                                  \
	X(INDICATOR_MISSING, RECORD,                                                      \
	  "indikator sebuah jawaban kosong; isi nomor baris metodologi, misalnya 16 atau "  \
	  "2a",                                                                            \
	  "an answer's indicator is empty; fill in the methodology row, for example 16 "   \
	  "or 2a",                                                                         \
	  "a long-format row with `indikator` empty")                                      \
	X(ANSWER_CONFLICT, RECORD,                                                        \
	  "indikator yang sama dijawab lebih dari sekali dengan isi berbeda; kirim satu "   \
	  "jawaban per indikator",                                                         \
	  "the same indicator is answered more than once with different values; send one " \
	  "answer per indicator",                                                          \
	  "row 16 level 3 in `jawaban-a.csv` and level 2 in `jawaban-b.csv`")              \
	X(PROFILE_CONFLICT, RECORD,                                                       \
	  "data profil satu kiriman berbeda antarbaris atau antarberkas; samakan isinya",   \
	  "the profile of one submission differs between rows or files; make them agree",  \
	  "`nama_inovasi` written two ways for one `id_inovasi`")                          \
	X(ASSEMBLY_LIMIT, RECORD,                                                         \
	  "terlalu banyak jawaban bentuk panjang untuk dirakit dalam satu proses; bagi "    \
	  "masukan menjadi beberapa proses",                                               \
	  "too many long-format answers to assemble in one run; split the input into "     \
	  "several runs",                                                                  \
	  "more than 256 MiB of long-format answers in one input")                         \
	X(YEAR_MISSING, RECORD,                                                           \
	  "tahun penilaian kosong; isi tahun, misalnya 2023",                               \
	  "the assessment year is empty; fill in the year, for example 2023", "`tahun` empty")              \
	X(YEAR_MALFORMED, RECORD,                                                         \
	  "tahun penilaian harus empat angka, misalnya 2023",                               \
	  "the assessment year must be four digits, for example 2023", "`tahun` = `dua ribu`")                     \
	X(YEAR_UNKNOWN, RECORD,                                                           \
	  "tidak ada metodologi untuk tahun ini; tahun yang tersedia",                      \
	  "there is no methodology for this year; years available", "`tahun` = `2019` with methodologies for 2023 only")                        \
	X(REGION_MISSING, RECORD,                                                         \
	  "kode dan nama wilayah kosong; isi kode Kemendagri (misalnya 52.72) atau nama "   \
	  "wilayah",                                                                       \
	  "the region code and name are empty; fill in the Kemendagri code (for example "  \
	  "52.72) or the region name",                                                     \
	  "`kode_wilayah` and `nama_wilayah` empty")                                       \
	X(REGION_UNKNOWN, RECORD,                                                         \
	  "wilayah tidak ada dalam daftar wilayah; periksa kode Kemendagri atau nama "      \
	  "wilayahnya",                                                                    \
	  "the region is not in the master list; check the Kemendagri code or the region " \
	  "name",                                                                          \
	  "`kode_wilayah` = `52.99`")                                                      \
	X(ID_MISSING, RECORD,                                                             \
	  "id inovasi kosong; setiap inovasi wajib punya id",                               \
	  "the innovation id is empty; every innovation needs an id", "`id_inovasi` empty")                      \
	X(NAME_MISSING, RECORD,                                                           \
	  "nama inovasi kosong; isi nama inovasinya",                                       \
	  "the innovation name is empty; fill in its name", "`nama_inovasi` empty")                                \
	X(DATE_MISSING, RECORD,                                                           \
	  "tanggal wajib diisi, dengan format TTTT-BB-HH",                                  \
	  "this date is required, written YYYY-MM-DD", "`tanggal_kirim` empty")                                     \
	X(DATE_MALFORMED, RECORD,                                                         \
	  "tanggal tidak sah; tulis sebagai TTTT-BB-HH, misalnya 2023-07-28",               \
	  "not a valid date; write it as YYYY-MM-DD, for example 2023-07-28", "`tanggal_penerapan` = `2022-13-45`")              \
	X(LEVEL_RANGE, RECORD,                                                            \
	  "level harus bilangan bulat 0, 1, 2 atau 3 (atau dikosongkan)",                   \
	  "the level must be a whole number 0, 1, 2 or 3 (or empty)", "`ind_33` = `5`")                      \
	X(STATUS_UNKNOWN, RECORD,                                                         \
	  "status verifikasi tidak dikenal; yang diterima: diterima, ditolak, menunggu, "   \
	  "atau kosong",                                                                    \
	  "unknown verification status; accepted: diterima, ditolak, menunggu, or empty", "`status_verifikasi` = `revisi`")  \
	X(SUPERSEDED, RECORD,                                                             \
	  "digantikan oleh kiriman yang lebih baru untuk inovasi atau wilayah yang sama",   \
	  "superseded by a later submission for the same innovation or region", "the same `id_inovasi` sent again later in `dinas-kesehatan-revisi.csv`")           \
	X(COLUMN_UNKNOWN, WARNING,                                                        \
	  "kolom tidak dikenal; isinya tidak dipakai dalam penilaian",                      \
	  "unknown column; its values are not used in scoring", "a column `keterangan`")                            \
	X(ROW_UNKNOWN, WARNING,                                                           \
	  "metodologi tahun tersebut tidak menilai indikator ini untuk rekaman jenis ini; " \
	  "jawabannya diabaikan",                                                          \
	  "that year's methodology does not score this indicator for this kind of "        \
	  "record; its answer is ignored",                                                 \
	  "a column `ind_99` (no row 99 in the method)")                                   \
	X(FILE_SKIPPED, WARNING,                                                          \
	  "berkas bukan kiriman (.csv, .tsv, .xml, masing-masing boleh .gz); tidak dibaca", \
	  "not a submission file (.csv, .tsv, .xml, each also as .gz); not read",          \
	  "`catatan.docx` in the input folder")                                            \
	X(REGION_AMBIGUOUS, RECORD,                                                       \
	  "nama wilayah cocok dengan lebih dari satu wilayah; tulis kode wilayahnya "       \
	  "atau awalan Kabupaten/Kota",                                                    \
	  "the region name fits more than one region; write its code or the "              \
	  "Kabupaten/Kota prefix",                                                         \
	  "`nama_wilayah` = `Bima` without a code (Kabupaten Bima or Kota Bima?)")         \
	X(CODE_NAME_MISMATCH, RECORD,                                                     \
	  "kode wilayah dan nama wilayah tidak cocok; periksa keduanya, tidak ada yang "    \
	  "diperbaiki otomatis",                                                           \
	  "the region code and the region name disagree; check both, neither is "          \
	  "corrected automatically",                                                       \
	  "`kode_wilayah` = `52.72` with `nama_wilayah` = `Kabupaten Bima`")              \
	X(REGION_CODE_MAPPED, WARNING,                                                    \
	  "kode wilayah lama (sebelum pemekaran Papua 2022) diganti dengan kode sekarang",  \
	  "a region code from before the 2022 Papua split was mapped to today's code",     \
	  "`kode_wilayah` = `91.01` read as `93.01` (Kabupaten Merauke)")                \
	X(DATE_AMBIGUOUS, RECORD,                                                         \
	  "tanggal ini bisa dibaca lebih dari satu cara (bulan di depan?); tulis "          \
	  "TTTT-BB-HH",                                                                    \
	  "this date can be read more than one way (month first?); write YYYY-MM-DD",      \
	  "`tanggal_penerapan` = `07/28/2022`")                                          \
	X(DATE_ORDER, RECORD,                                                             \
	  "tanggal uji coba sesudah tanggal penerapan; uji coba harus lebih dulu",          \
	  "the trial date is after the implementation date; the trial comes first",        \
	  "`tanggal_uji_coba` = `2022-05-01`, `tanggal_penerapan` = `2022-01-10`")        \
	X(DATE_AFTER_SUBMISSION, RECORD,                                                  \
	  "tanggal ini sesudah tanggal kirim; tanggal tidak boleh di masa depan",           \
	  "this date is after the submission time; dates cannot lie in the future",        \
	  "`tanggal_penerapan` = `2023-09-01` in a record sent on 2023-07-20")           \
	X(VALUE_UNKNOWN, RECORD,                                                          \
	  "nilai tidak dikenal untuk kolom ini; nilai yang diterima",                       \
	  "unknown value for this column; accepted values",                                \
	  "`tahapan` = `percobaan`")                                                     \
	X(NEAR_DUPLICATE, WARNING,                                                        \
	  "inovasi dengan nama dan perangkat daerah yang sama sudah dikirim dengan id "     \
	  "lain; periksa apakah ini inovasi yang sama",                                    \
	  "an innovation with the same name and agency was sent under another id; check "  \
	  "whether it is the same innovation",                                             \
	  "`Posyandu Digital` from Dinas Kesehatan as both `A-1` and `A-7`")

#define PL_REJECT_ENUM(code, scope, id, en, example) PL_REJ_##code,
enum pl_reject_code { PL_REJECT_CODES(PL_REJECT_ENUM) PL_REJ_COUNT };
#undef PL_REJECT_ENUM

const char *pl_reject_name(enum pl_reject_code code);
enum pl_scope pl_reject_scope(enum pl_reject_code code);
const char *pl_reject_message(enum pl_reject_code code, enum pl_lang lang);
/* An example of what gets this code, for the documentation. */
const char *pl_reject_example(enum pl_reject_code code);
const char *pl_scope_name(enum pl_scope scope);
/* The code with this name, or -1. */
int pl_reject_from_name(const char *name);
/* "id" or "en" to a language; -1 for anything else. */
int pl_lang_from_name(const char *name);

#endif
