# docs/reject-codes.md is what the code table generates today.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
sh "$ROOT/tests/tools/gen-reject-codes.sh" "$BIN" >"$TMP/codes.md" || die "generation failed"
diff -u "$ROOT/docs/reject-codes.md" "$TMP/codes.md" || die "docs/reject-codes.md is stale: run make docs"
