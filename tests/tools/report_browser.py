"""report_browser.py RUN_DIR SHOT_DIR: checks RUN_DIR/report.html in headless
Chromium against the CSV files of the same run, and keeps screenshots.

What the page must show is worked out here from regions.csv,
innovations.csv, explain.csv and suggestions.csv, not from the HTML, so a
page that drops, reorders or misstates a region fails. Checked:

- the ranking tables: every region of each cluster, with its rank and IID
  (decimal comma), ranks in order; the best kota first;
- the overview: the predicate counts per cluster, the predicate bars, the
  histogram holding every region with an IID above 0, the predicate bands;
- a panel per province that sent anything, one bar per kabupaten and kota
  in the order of their rank in the province; the others listed;
- filtering, typed key by key: "bima" leaves the regions whose name or
  code holds it, the province filter leaves the province's regions (and
  its panel), both together intersect, clearing shows all again;
- sorting: the IID column of the kota table, highest first, then lowest;
- the detail view of a region (opened by its link): its figures, one bar
  per variable of explain.csv, its innovations, its steps;
- a phone-sized window: nothing wider than the screen;
- print: the controls hidden; with a region open, only that region;
- no request but the file itself, no console error or exception.

Screenshots (PNG) in SHOT_DIR: report-overview.png, report-provinces.png,
report-region.png, report-phone.png. Exit 0 when all holds, 1 with every
failed check listed otherwise, 2 when the browser cannot be used.
"""

import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chromium  # noqa: E402

YEAR = "2023"
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


def rows_of(run, name):
    with open(os.path.join(run, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def comma(v):
    return v.replace(".", ",")


def main():
    run, shots = sys.argv[1], sys.argv[2]
    os.makedirs(shots, exist_ok=True)
    regions = [r for r in rows_of(run, "regions.csv") if r["year"] == YEAR]
    innovations = rows_of(run, "innovations.csv")
    explain = rows_of(run, "explain.csv")
    suggestions = rows_of(run, "suggestions.csv")
    url = "file://" + os.path.abspath(os.path.join(run, "report.html"))

    try:
        browser = chromium.Chromium()
    except chromium.BrowserError as e:
        print("FAILED: " + str(e))
        return 2
    with browser:
        page = browser.open_page(1280, 900)
        page.navigate(url)
        check_page(page, regions, innovations)
        check_filter(page, regions)
        check_sort(page, regions)
        page.eval("window.scrollTo(0, 0)")
        page.screenshot(os.path.join(shots, "report-overview.png"), bottom="section.overview")
        page.screenshot(os.path.join(shots, "report-provinces.png"), top="section.provinces",
                        bottom="section.panel:nth-of-type(2)")
        check_region(page, regions, innovations, explain, suggestions, shots)
        check_print(page)
        check_phone(page, url, shots)
        others = [u for u in page.requests if u.split("#")[0] != url]
        check(url in page.requests, "the browser did not record loading the file")
        check(not others, "requests other than the file itself: %r" % others)
        check(not page.errors, "console errors or exceptions: %r" % page.errors)
    for f in failures:
        print("FAILED: " + f)
    print("%d checks failed" % len(failures) if failures else "report.html: all checks hold")
    return 1 if failures else 0


def check_page(page, regions, innovations):
    check(page.eval("document.documentElement.lang") == "id", "the page is not in Bahasa Indonesia")
    check(YEAR in page.eval("document.title"), "the title does not name the year")
    # The ranking tables, cluster by cluster.
    for level in ("provinsi", "kabupaten", "kota"):
        want = {r["region_code"]: r for r in regions if r["level"] == level}
        got = page.eval("""Array.from(document.querySelectorAll(
            'table.rank[data-level="%s"] tbody tr')).map(r => [r.cells[2].textContent,
            r.cells[0].textContent, r.cells[1].textContent,
            r.querySelector('td:nth-child(%d)').textContent])""" % (level, 4 if level == "provinsi" else 5))
        check(len(got) == len(want), "%s: %d rows in the table, %d regions" % (level, len(got), len(want)))
        for code, rank, name, iid in got:
            r = want.get(code)
            if not check(r is not None, "%s: region %s is not in regions.csv" % (level, code)):
                continue
            check(rank == r["rank_national"], "%s %s: rank %s, regions.csv says %s" % (level, code, rank, r["rank_national"]))
            check(name == r["region_name"], "%s %s: name %r, regions.csv says %r" % (level, code, name, r["region_name"]))
            check(iid == comma(r["iid"]), "%s %s: IID %s, regions.csv says %s" % (level, code, iid, r["iid"]))
        ranks = [int(x[1]) for x in got]
        check(ranks == sorted(ranks), "%s: rows are not in rank order" % level)
    best_kota = min((r for r in regions if r["level"] == "kota"), key=lambda r: int(r["rank_national"]))
    first = page.eval("document.querySelector('table.rank[data-level=kota] tbody tr').cells[2].textContent")
    check(first == best_kota["region_code"], "the kota table does not start with the best kota")

    # Overview: counts per predicate and cluster, bars, histogram, bands.
    dist = page.eval("""Array.from(document.querySelectorAll('table.dist tbody tr:not(.total)'))
        .map(r => Array.from(r.cells).map(c => c.textContent))""")
    for name, *counts in dist:
        for level, got in zip(("provinsi", "kabupaten", "kota"), counts):
            want = sum(1 for r in regions if r["level"] == level and r["predicate"] == name)
            check(int(got) == want, "overview: %s %s is %s, regions.csv has %d" % (level, name, got, want))
    seen = {(r["level"], r["predicate"]) for r in regions}
    bars = page.eval("document.querySelectorAll('svg.preds rect.bar').length")
    check(bars == len(seen), "overview: %d predicate bars, %d cluster-predicate pairs" % (bars, len(seen)))
    scored = sum(1 for r in regions if float(r["iid"]) > 0)
    hist = page.eval("""Array.from(document.querySelectorAll('svg.hist g text'))
        .reduce((s, t) => s + parseInt(t.textContent, 10), 0)""")
    check(hist == scored, "histogram holds %s regions, %d have an IID above 0" % (hist, scored))
    check(page.eval("document.querySelectorAll('svg.hist rect.band').length") >= 3,
          "the predicate bands are missing from the histogram")

    # A panel per province that sent anything, bars in the province's order.
    sent = {i["region_code"] for i in innovations} | {r["region_code"] for r in regions if float(r["spd"]) > 0}
    provinces = [r for r in regions if r["level"] == "provinsi"]
    active = [p for p in provinces
              if any(r["region_code"] in sent for r in regions if r["province_code"] == p["region_code"])]
    check(len(active) >= 3, "the fixtures should have at least 3 provinces that sent anything")
    for p in active:
        kids = sorted((r for r in regions if r["province_code"] == p["region_code"] and r["level"] != "provinsi"),
                      key=lambda r: (int(r["rank_province"]), r["region_code"]))
        pid = "p-%s-%s" % (YEAR, p["region_code"])
        labels = page.eval("""(() => { const s = document.querySelector('#%s svg.prov');
            return s ? Array.from(s.querySelectorAll('a > title')).map(t => t.textContent) : null })()""" % pid.replace(".", "\\\\."))
        if not check(labels is not None, "no bar chart in the panel of %s" % p["region_name"]):
            continue
        want = ["%s: %s, %s" % (k["region_name"], comma(k["iid"]), k["predicate"]) for k in kids]
        check(labels == want, "panel %s: bars %r, expected %r" % (p["region_name"], labels[:4], want[:4]))
    quiet = page.eval("document.querySelectorAll('.quietprov li').length")
    check(quiet == len(provinces) - len(active),
          "%s provinces listed as sending nothing, expected %d" % (quiet, len(provinces) - len(active)))


def visible_rows(page):
    return page.eval("""Array.from(document.querySelectorAll('table.rank tbody tr'))
        .filter(r => r.getClientRects().length > 0).map(r => r.cells[2].textContent)""")


def clear_filters(page):
    page.eval("""(() => { const q = document.querySelector('input.q'), p = document.querySelector('select.prov');
        q.value = ''; p.value = ''; q.dispatchEvent(new Event('input')); p.dispatchEvent(new Event('change')); })()""")


def check_filter(page, regions):
    page.eval("document.querySelector('input.q').focus()")
    page.type_text("bima")
    want = sorted(r["region_code"] for r in regions
                  if "bima" in (r["region_name"] + " " + r["region_code"]).lower())
    got = sorted(visible_rows(page))
    check(got == want, "typing 'bima' shows %r, expected %r" % (got, want))
    shown = page.eval("document.querySelector('.shown').textContent")
    check(shown == "%d wilayah ditampilkan" % len(want), "the count says %r after typing 'bima'" % shown)
    clear_filters(page)
    check(len(visible_rows(page)) == len(regions), "clearing the filter does not show every region again")

    page.eval("""(() => { const p = document.querySelector('select.prov'); p.value = '52';
        p.dispatchEvent(new Event('change')); })()""")
    want = sorted(r["region_code"] for r in regions if r["province_code"] == "52")
    got = sorted(visible_rows(page))
    check(got == want, "the province filter 52 shows %d rows, expected %d" % (len(got), len(want)))
    panels = page.eval("""Array.from(document.querySelectorAll('.panels .panel'))
        .filter(p => p.getClientRects().length > 0).map(p => p.getAttribute('data-prov'))""")
    check(panels == ["52"], "with province 52 the panels shown are %r" % panels)
    page.eval("document.querySelector('input.q').focus()")
    page.type_text("Kota")
    want = sorted(r["region_code"] for r in regions if r["province_code"] == "52" and "kota" in r["region_name"].lower())
    got = sorted(visible_rows(page))
    check(got == want, "province 52 and 'Kota' show %r, expected %r" % (got, want))
    clear_filters(page)
    check(len(visible_rows(page)) == len(regions), "clearing both filters does not show every region")


def check_sort(page, regions):
    kota = [r for r in regions if r["level"] == "kota"]
    iids = lambda: page.eval("""Array.from(document.querySelectorAll('table.rank[data-level=kota] tbody tr'))
        .map(r => parseFloat(r.cells[4].getAttribute('data-v')))""")
    button = "document.querySelectorAll('table.rank[data-level=kota] thead th')[4].querySelector('button').click()"
    page.eval(button)
    got = iids()
    check(got == sorted((float(r["iid"]) for r in kota), reverse=True), "sorting kota by IID does not put the highest first")
    page.eval(button)
    got = iids()
    check(got == sorted(float(r["iid"]) for r in kota), "sorting kota by IID again does not put the lowest first")
    # back to rank order for the screenshots
    page.eval("document.querySelectorAll('table.rank[data-level=kota] thead th')[0].querySelector('button').click()")


def check_region(page, regions, innovations, explain, suggestions, shots):
    code = "52.72"
    r = next(x for x in regions if x["region_code"] == code)
    rid = "r-%s-%s" % (YEAR, code)
    page.eval("""Array.from(document.querySelectorAll('table.rank a'))
        .find(a => a.getAttribute('href') === '#%s').click()""" % rid)
    state = page.eval("""(() => { const s = document.getElementById('%s'); const st = getComputedStyle(s);
        return [location.hash, st.display, st.position, s.querySelector('h3').textContent,
                s.querySelector('.big').textContent,
                s.querySelectorAll('svg.vars rect.fill').length,
                s.querySelectorAll('table.inn tbody tr').length,
                s.querySelectorAll('ol.steps li').length,
                document.querySelectorAll('.region').length,
                Array.from(document.querySelectorAll('.region')).filter(x => getComputedStyle(x).display !== 'none').length]; })()""" % rid)
    hash_, display, position, name, iid, nvars, ninn, nsteps, nregions, nshown = state
    check(hash_ == "#" + rid, "clicking the region's link did not open its detail view")
    check(display == "block" and position == "fixed", "the detail view is not shown over the page")
    check(name == r["region_name"], "the detail view is titled %r" % name)
    check(iid == comma(r["iid"]), "the detail view shows IID %s, regions.csv says %s" % (iid, r["iid"]))
    want = sum(1 for x in explain if x["year"] == YEAR and x["region_code"] == code)
    check(nvars == want and want > 0, "%d variable bars, explain.csv has %d" % (nvars, want))
    want = sum(1 for x in innovations if x["year"] == YEAR and x["region_code"] == code)
    check(ninn == want and want > 0, "%d innovations shown, innovations.csv has %d" % (ninn, want))
    want = sum(1 for x in suggestions if x["year"] == YEAR and x["region_code"] == code)
    check(nsteps == want and want > 0, "%d steps shown, suggestions.csv has %d" % (nsteps, want))
    check(nregions == len(regions), "%d detail views, %d regions" % (nregions, len(regions)))
    check(nshown == 1, "%d detail views shown at once" % nshown)
    page.screenshot(os.path.join(shots, "report-region.png"))


def check_print(page):
    page.media("print")
    # A region is open (check_region): only it is printed.
    state = page.eval("""[getComputedStyle(document.querySelector('.overview')).display,
        getComputedStyle(document.querySelector('.region:target')).position]""")
    check(state == ["none", "static"], "printing an open region prints more than the region: %r" % state)
    page.eval("location.hash = '#ranking-%s'" % YEAR)
    state = page.eval("""[getComputedStyle(document.querySelector('.controls')).display,
        getComputedStyle(document.querySelector('.overview')).display]""")
    check(state[0] == "none" and state[1] != "none", "the print view keeps the controls or loses the overview: %r" % state)
    check(page.pdf().startswith(b"%PDF"), "printing to PDF failed")
    page.media("")


def check_phone(page, url, shots):
    page.resize(390, 844, mobile=True)
    page.navigate(url)
    widths = page.eval("[document.documentElement.scrollWidth, window.innerWidth]")
    check(widths[0] <= widths[1], "on a phone the page is %d px wide for a %d px screen" % tuple(widths))
    page.screenshot(os.path.join(shots, "report-phone.png"))
    page.resize(1280, 900)


if __name__ == "__main__":
    sys.exit(main())
