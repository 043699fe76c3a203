"""Build the offline docs site: nbdev_proc_nbs -> docs/adapter.py -> Sphinx + myst-nb -> `_site/`.

Usage: `python docs/build.py [--strict]` from the repo root (`make docs` calls it). Quarto is not needed:
nbdev's processing runs with its Quarto check turned off. `--strict` turns Sphinx warnings into errors.
"""
import argparse, json, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'docs'))
from adapter import build_sources, class_names


def proc_nbs():
    "Run nbdev's notebook processing into `_proc/` without letting it try to install Quarto."
    import warnings
    import nbdev.quarto as q
    warnings.filterwarnings('ignore', message='Found cells containing imports')  # nbdev style hint, not a problem
    q._ensure_quarto = lambda: None   # nbdev would download Quarto here; the Sphinx path does not need it
    return q._pre_docs(n_workers=0, force=True)[0]


def demo_report(dest):
    "Run `scribe_demo --tiny` (stages cached under docs/_build) and copy its report into the site, linked from the index page."
    from scribe_robust.cli import scribe_demo
    from scribe_robust.study import copy_report
    out = ROOT / 'docs' / '_build' / 'demo_tiny'
    scribe_demo(out=str(out), tiny=True)
    copy_report(out / 'report', dest)


def site_urls():
    "The URLs nbdev may write into doc links: doc_host + doc_baseurl from settings.ini and from the exported `_modidx`."
    from urllib.parse import urljoin
    from nbdev.config import get_config
    cfg = get_config()
    hosts = [(cfg.get('doc_host'), cfg.get('doc_baseurl', '/'))]
    try:
        from scribe_robust._modidx import d
        hosts.append((d['settings'].get('doc_host'), d['settings'].get('doc_baseurl', '/')))
    except (ImportError, KeyError): pass   # not exported yet: settings.ini is all nbdev knows
    return sorted({urljoin(h.rstrip('/') + '/', (b or '/').lstrip('/')).rstrip('/') for h, b in hosts if h and h.strip('/')})


def check_no_host_links(src: Path, urls):
    "The offline site links its own pages relatively: fail on any link left pointing at the doc host."
    bad = [(f.name, u) for f in sorted(Path(src).glob('*.ipynb')) for u in urls if u in f.read_text()]
    if bad: sys.exit('docs: absolute links to the doc host remain: ' + ', '.join(f'{f} -> {u}' for f, u in bad) +
                     '; link the page relatively (`[text](08_performance.ipynb)` or `page.html`)')


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--strict', action='store_true', help='treat Sphinx warnings as errors (-W)')
    ap.add_argument('--out', default=str(ROOT / '_site'), help='output folder for the HTML site')
    a = ap.parse_args(argv)
    t0 = time.time()
    import shutil
    shutil.rmtree(a.out, ignore_errors=True)  # no stale pages from notebooks that were renamed or removed
    proc = proc_nbs()
    src = ROOT / 'docs' / '_src'
    from nbdev.config import get_config
    urls = site_urls()
    pages = build_sources(proc, ROOT / 'nbs' / 'sidebar.yml', src, ROOT / 'docs' / 'conf.py',
                          static=[ROOT / 'docs' / '_static'], site_url=urls,
                          classes=class_names(ROOT / get_config().get('lib_path', 'scribe_robust')))
    check_no_host_links(src, urls)
    strict = ['-W', '--keep-going'] if a.strict else []
    cmd = [sys.executable, '-m', 'sphinx', '-b', 'html', '-q', *strict, str(src), a.out]
    r = subprocess.run(cmd, cwd=ROOT)
    if r.returncode: sys.exit(f'docs: Sphinx failed (exit {r.returncode}); see the warnings above')
    demo_report(Path(a.out) / 'report')
    (Path(a.out) / 'pages.json').write_text(json.dumps([f'{p}.html' for p in pages]))  # read by the browser check
    print(f'docs: {len(pages)} pages -> {a.out} in {time.time()-t0:.1f}s')


if __name__ == '__main__':
    main()
