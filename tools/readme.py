"Write README.md from nbs/index.ipynb (processed by nbdev, adapted like the docs site) with nbconvert: no Quarto needed."
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'docs'))


def _page_notebooks(nbs=ROOT / 'nbs') -> dict:
    "Site page name -> the notebook it is rendered from, as a path relative to the repository root."
    return {re.sub(r'^\d+[a-z]?_', '', p.stem): f'nbs/{p.name}' for p in sorted(Path(nbs).glob('*.ipynb'))}


def relink_readme(md: str, pages: dict) -> str:
    "Point the site's page links (`prepare.html`, absolute doc-host links included) at the notebooks, so they work on a code host."
    def repl(m):
        nb = pages.get(m['page'])
        return m[0] if nb is None else f"{m['pre']}{nb}{m['post']}"
    pat = r'(?P<pre>\(|href=")(?:https?://[^)"\s]*/)?(?P<page>[\w-]+)\.html(?:#[^)"\s]*)?(?P<post>\)|")'
    md = re.sub(pat, repl, md)
    # the example report exists only in the built site
    return md.replace('(<a href="report/index.html">an example report</a>, from `scribe_demo --tiny`)',
                      '(an example report from `scribe_demo --tiny` is part of the docs site)')


def render_readme(proc_dir=ROOT / '_proc') -> str:
    "Markdown of the processed index notebook: title, description and every visible cell."
    import nbformat
    from nbconvert import MarkdownExporter
    from adapter import adapt_notebook
    nb = adapt_notebook(json.loads((Path(proc_dir) / 'index.ipynb').read_text()))
    for c in nb['cells']:
        if 'remove-input' in c['metadata'].get('tags', []): c['source'] = ''
    nb['cells'] = [c for c in nb['cells'] if c['source'] or c.get('outputs')]
    body, _ = MarkdownExporter(exclude_raw=True).from_notebook_node(nbformat.reads(json.dumps(nb), as_version=4))
    body = body.replace('<p class="description">', '> ').replace('</p>', '', 1)
    body = relink_readme(body, _page_notebooks())
    return '<!-- Generated from nbs/index.ipynb by `make readme`: edit the notebook, not this file. -->\n\n' + body.strip() + '\n'


if __name__ == '__main__':
    if not (ROOT / '_proc' / 'index.ipynb').exists():
        sys.path.insert(0, str(ROOT / 'docs')); from build import proc_nbs; proc_nbs()
    (ROOT / 'README.md').write_text(render_readme())
    print('README.md written from nbs/index.ipynb')
