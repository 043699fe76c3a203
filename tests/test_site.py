"""Real-browser check of the docs site: headless Debian Chromium driven by Playwright, site served on 127.0.0.1.

Every sidebar page loads with HTTP 200, every <img> has loaded, no console errors, and the search box finds a
known API name. The demo report that docs/build.py puts in `_site/report/` (from `scribe_demo --tiny`) is checked
the same way, and a full-page screenshot of it must show its tables and figures (not a blank page). At a 1280 px
viewport no page is wider than the window and nothing sticks out of the text column unless it scrolls in its own
box; no rendered text shows `<a href` (outside code cells' source) or a backtick (outside code); no page mentions
`example.org`; every figure is at least 300 px wide on the page unless its cell is marked a thumbnail grid
(`#| classes: thumbnails` in the notebook cell -> CSS class `tag_thumbnails`; `class="thumbnails"` in the report).
Playwright is only the driver: it never downloads a browser (`/usr/bin/chromium` is Debian's).
"""
import functools, http.server, json, shutil, threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / '_site'
CHROMIUM = shutil.which('chromium') or '/usr/bin/chromium'
ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync']
SEARCH_FOR = ['make_synthetic', 'ImplicitBackground', 'lme_pool', 'get_dls']
VIEWPORT = {'width': 1280, 'height': 900}
MIN_FIG_PX = 300            # narrowest figure a reader can read at this viewport (thumbnail grids excepted)
REPORT = 'report/index.html'


def _pages():
    f = SITE / 'pages.json'
    return json.loads(f.read_text()) if f.exists() else ['index.html']


@pytest.fixture(scope='module')
def server():
    if not (SITE / 'index.html').exists(): pytest.fail('_site/ not built: run `make docs` (tests/test_docs.py builds it)')
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
    handler = functools.partial(Quiet, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True); t.start()
    yield f'http://127.0.0.1:{httpd.server_address[1]}'
    httpd.shutdown()


@pytest.fixture(scope='module')
def browser():
    from playwright.sync_api import sync_playwright
    if not Path(CHROMIUM).exists(): pytest.fail(f'{CHROMIUM} missing: `make test` installs Debian chromium (apt-get install chromium)')
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _load(browser, url):
    "Open `url`; return (status, console errors, broken images)."
    page = browser.new_page()
    errors = []
    page.on('console', lambda m: errors.append(m.text) if m.type == 'error' else None)
    page.on('pageerror', lambda e: errors.append(str(e)))
    resp = page.goto(url, wait_until='load')
    page.wait_for_load_state('networkidle')
    broken = page.evaluate("""() => Array.from(document.images)
        .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src'))""")
    n_img = page.evaluate('() => document.images.length')
    links = page.evaluate("""() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)
        .filter(h => h.startsWith(location.origin)).map(h => h.split('#')[0])""")
    page.close()
    return resp.status if resp else None, errors, broken, n_img, sorted(set(links))


@pytest.mark.parametrize('name', _pages())
def test_page_loads(server, browser, name):
    status, errors, broken, _, links = _load(browser, f'{server}/{name}')
    assert status == 200, f'{name}: HTTP {status}'
    assert not broken, f'{name}: images that did not load: {broken}'
    assert not errors, f'{name}: console errors: {errors}'
    import urllib.request, urllib.error
    dead = []
    for l in links:
        try: urllib.request.urlopen(urllib.request.Request(l, method='HEAD'), timeout=10).close()
        except urllib.error.HTTPError as e: dead.append(f'{l} ({e.code})')
    assert not dead, f'{name}: links to missing pages: {dead}'


def _nb_figures(nb_name):
    "Number of image outputs committed in a notebook."
    nb = json.loads((ROOT / 'nbs' / nb_name).read_text())
    return sum('image/png' in o.get('data', {}) or 'image/svg+xml' in o.get('data', {}) for c in nb['cells'] for o in c.get('outputs', []))


def test_pages_show_their_figures(server, browser):
    "Every page whose notebook has figures (committed outputs) shows them, and most pages have some."
    from adapter import sidebar_pages
    nbs = sidebar_pages(ROOT / 'nbs' / 'sidebar.yml')
    want = {page: _nb_figures(nb) for nb, page in zip(nbs, _pages())}
    shown = {page: _load(browser, f'{server}/{page}')[3] for page, n in want.items() if n}
    assert all(shown[p] > 0 for p in shown), f'pages whose notebook has figures but the page shows none: {shown}'
    assert len(shown) >= len(want) // 2, f'too few pages with figures: {want}'


def test_search_finds_api(server, browser):
    "Typing a known API name into the search box returns a hit."
    import scribe_robust._modidx as m
    syms = {k.split('.')[-1] for mod in m.d['syms'].values() for k in mod}
    name = next((s for s in SEARCH_FOR if s in syms), None)
    if name is None: pytest.fail(f'none of {SEARCH_FOR} is exported yet')
    page = browser.new_page()
    page.goto(f'{server}/index.html')
    page.fill('input[name=q]', name)
    page.keyboard.press('Enter')
    page.wait_for_selector('#search-results ul.search li', timeout=20000)
    hits = page.locator('#search-results ul.search li').all_inner_texts()
    page.close()
    assert any(name in h for h in hits), f'search for {name!r} gave {hits}'


def test_demo_report(server, browser):
    "The demo report (docs/build.py puts the tiny one in the site) opens, its images load, no console errors."
    rep = SITE / 'report' / 'index.html'
    assert rep.exists(), 'no demo report in _site/report: docs/build.py runs `scribe_demo --tiny` and copies it there'
    status, errors, broken, n_img, _ = _load(browser, f'{server}/report/index.html')
    assert status == 200 and not broken and not errors and n_img > 0, (status, errors, broken, n_img)


def test_demo_report_screenshot(server, browser):
    "A full-page screenshot of the demo report is not blank: text, its tables and its figures are rendered on screen."
    import io
    from PIL import Image
    page = browser.new_page(viewport={'width': 1200, 'height': 900})
    page.goto(f'{server}/report/index.html', wait_until='load')
    page.wait_for_load_state('networkidle')
    n_tables = page.locator('table').count()
    shown = page.evaluate("""() => Array.from(document.images).filter(i => {
        const r = i.getBoundingClientRect(); return r.width > 50 && r.height > 50; }).length""")
    png = page.screenshot(full_page=True)
    page.close()
    out = ROOT / 'docs' / '_build' / 'report_screenshot.png'   # kept for a person to look at (gitignored)
    out.parent.mkdir(parents=True, exist_ok=True); out.write_bytes(png)
    im = Image.open(io.BytesIO(png)).convert('RGB')
    small = im.resize((max(1, im.width // 4), max(1, im.height // 4)))
    colours = small.getcolors(1 << 24) or []
    ink = sum(n for n, c in colours if sum(c) < 600) / (small.width * small.height)   # not near-white
    assert n_tables > 0 and shown > 0, f'report shows {n_tables} tables and {shown} figures larger than 50 px'
    assert im.height > 900 and len(colours) > 100 and ink > 0.02, \
        f'screenshot looks blank: {im.size}, {len(colours)} colours, {ink:.3f} of the page inked ({out})'


# ---- layout, text and figures at 1280 px: one inspection per page, shared by the tests below ----
_INSPECT_JS = r"""() => {
  const W = document.documentElement.clientWidth, root = document.querySelector('article') || document.body;
  const R = (document.querySelector('.content') || root).getBoundingClientRect().right;   // furo's text column (its padding included)
  const boxed = e => { for (let a = e.parentElement; a && a !== root; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  const sticks = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > R + 1 && !boxed(e); };
  const desc = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
  const overflow = Array.from(root.querySelectorAll('*')).filter(e => sticks(e) && !(e.parentElement && e.parentElement !== root && sticks(e.parentElement)))
      .slice(0, 5).map(e => `${desc(e)} ${Math.round(e.getBoundingClientRect().width)} px wide, right edge ${Math.round(e.getBoundingClientRect().right)} > column ${Math.round(R)}`);
  const texts = (skip) => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), out = [];
      for (let n = w.nextNode(); n; n = w.nextNode()) if (!n.parentElement.closest(skip)) out.push(n.textContent); return out; };
  const around = (t, s) => { const i = t.indexOf(s); return t.slice(Math.max(0, i - 40), i + 40).replace(/\s+/g, ' '); };
  const ahref = texts('script, style, .cell_input').filter(t => t.includes('<a href')).map(t => around(t, '<a href'));
  const ticks = texts('script, style, pre, code, kbd, samp, .cell_input, .highlight').filter(t => t.includes('`')).map(t => around(t, '`'));
  const heads = Array.from(root.querySelectorAll('h1, h2, h3'));
  const figures = Array.from(root.querySelectorAll('img')).map((i, k) => {
      const h = heads.filter(x => x.compareDocumentPosition(i) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
      return {index: k, width: Math.round(i.getBoundingClientRect().width), natural: [i.naturalWidth, i.naturalHeight],
              thumbnails: !!i.closest('.tag_thumbnails, .thumbnails'), under: h ? h.textContent.replace(/[¶#]/g, '').trim() : ''}; });
  return {W, scroll_width: document.documentElement.scrollWidth, overflow, ahref, ticks, figures,
          example_org: document.documentElement.outerHTML.includes('example.org')};
}"""
_inspected = {}


def _inspect(browser, server, name):
    "Layout, text and figure facts of one page at a 1280 px viewport (cached: several tests read them)."
    if name not in _inspected:
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(f'{server}/{name}', wait_until='load')
        page.wait_for_load_state('networkidle')
        _inspected[name] = page.evaluate(_INSPECT_JS)
        page.close()
    return _inspected[name]


@pytest.mark.parametrize('name', _pages() + [REPORT])
def test_page_fits_and_reads(server, browser, name):
    "At 1280 px: no page wider than the window, nothing out of the text column unless it scrolls in its own box, no raw markup."
    r = _inspect(browser, server, name)
    assert r['scroll_width'] <= r['W'], f"{name}: page is {r['scroll_width']} px wide in a {r['W']} px window: {r['overflow']}"
    assert not r['overflow'], f'{name}: sticks out of the text column (wrap it in a scrolling box): {r["overflow"]}'
    assert not r['ahref'], f'{name}: raw HTML shown as text: {r["ahref"]}'
    assert not r['ticks'], f'{name}: literal backticks in rendered text (inline code not rendered): {r["ticks"]}'
    assert not r['example_org'], f'{name}: mentions the placeholder host example.org'


def test_figures_wide_enough(server, browser):
    f"Every figure is at least {MIN_FIG_PX} px wide on the page at 1280 px, unless its cell is a thumbnail grid."
    small = [f"{name} figure {f['index']} under '{f['under']}': {f['width']} px on the page (PNG {f['natural'][0]}x{f['natural'][1]})"
             for name in _pages() + [REPORT] for f in _inspect(browser, server, name)['figures']
             if f['width'] < MIN_FIG_PX and not f['thumbnails']]
    assert not small, (f'{len(small)} figures narrower than {MIN_FIG_PX} px (re-render them larger / at a higher dpi, or mark a '
                       'thumbnail grid with `#| classes: thumbnails`):\n' + '\n'.join(small))
