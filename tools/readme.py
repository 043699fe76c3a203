"Write README.md from nbs/index.ipynb (processed by nbdev, adapted like the docs site) with nbconvert: no Quarto needed."
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'docs'))


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
    return '<!-- Generated from nbs/index.ipynb by `make readme`: edit the notebook, not this file. -->\n\n' + body.strip() + '\n'


if __name__ == '__main__':
    if not (ROOT / '_proc' / 'index.ipynb').exists():
        sys.path.insert(0, str(ROOT / 'docs')); from build import proc_nbs; proc_nbs()
    (ROOT / 'README.md').write_text(render_readme())
    print('README.md written from nbs/index.ipynb')
