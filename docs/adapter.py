"""Adapter from nbdev's processed notebooks (`_proc/`) to a Sphinx + myst-nb source tree.

`nbdev_proc_nbs` runs nbdev's own processors (show_doc rendered to markdown, `#| hide` and `#| export`
handled, front matter extracted) and leaves Quarto directives (`#| echo: false`, ...) in the code. This
module turns that into what myst-nb reads: front matter -> an H1 title and a description (inline markdown
rendered), directives -> cell tags (`#| classes: x` -> tag `x`, which myst-nb writes as the CSS class `tag_x`),
links to the site's own host or to notebooks -> relative page links, show_doc signatures -> plain code with
classes shown as `class`, pandas tables -> one header row, page order -> a toctree taken from `nbs/sidebar.yml`. It is deliberately small; `make docs`
calls `build_sources`, and `tests/test_docs.py` tests it.
"""
from __future__ import annotations
import json, re, shutil
from pathlib import Path

import yaml

__all__ = ['sidebar_pages', 'parse_front_matter', 'directive_tags', 'adapt_notebook', 'build_sources', 'class_names',
           'inline_markdown']

_QUARTO_LINK = re.compile(r'\[([^\]]+)\]\(([^)\s]+)\)\{[^}]*\}')  # [source](url){target=... style=...}
_DIRECTIVE = re.compile(r'^\s*#\|\s*([\w-]+)\s*:\s*(.*?)\s*$')


def sidebar_pages(sidebar_yml: Path) -> list[str]:
    "Notebook file names in the order `sidebar.yml` lists them (nested sections flattened)."
    d = yaml.safe_load(Path(sidebar_yml).read_text())
    try: contents = d['website']['sidebar']['contents']
    except (TypeError, KeyError) as e:
        raise ValueError(f'{sidebar_yml}: expected website.sidebar.contents; fix the YAML') from e
    out = []
    def walk(items):
        for it in items:
            if isinstance(it, str): out.append(it)
            elif isinstance(it, dict) and 'contents' in it: walk(it['contents'])
            elif isinstance(it, dict) and 'href' in it: out.append(it['href'])
            else: raise ValueError(f'{sidebar_yml}: cannot read sidebar entry {it!r}')
    walk(contents)
    return out


def _src(cell) -> str:
    s = cell.get('source', '')
    return ''.join(s) if isinstance(s, list) else s


def parse_front_matter(nb: dict) -> tuple[dict, int | None]:
    "The YAML front matter nbdev puts in a raw cell (and that cell's index), or `({}, None)`."
    for i, c in enumerate(nb['cells']):
        if c['cell_type'] != 'raw': continue
        s = _src(c).strip()
        if s.startswith('---') and s.endswith('---'):
            return yaml.safe_load(s.strip('-')) or {}, i
    return {}, None


def directive_tags(source: str) -> tuple[list[str], str]:
    "Map Quarto cell directives to myst-nb tags; return `(tags, source without directive lines)`."
    tags, kept = [], []
    for line in source.splitlines():
        m = _DIRECTIVE.match(line)
        if not m: kept.append(line); continue
        key, val = m[1], m[2].lower()
        if key == 'echo' and val == 'false': tags.append('remove-input')
        elif key == 'output' and val == 'false': tags.append('remove-output')
        elif key == 'include' and val == 'false': tags.append('remove-cell')
        elif key == 'classes': tags += val.split()   # Quarto's cell classes, e.g. `#| classes: thumbnails`
    return tags, '\n'.join(kept).strip('\n')


_DOC_LINK = r'\[([^\]]+)\]\({}/([\w./-]+\.html)(?:#([^)\s]+))?\)'
_NB_LINK = r'\[([^\]]+)\]\((?:\.\.?/)?(?:nbs/)?({})(?:#([^)\s]+))?\)'   # [x](08_performance.ipynb#a), also nbs/...
_CODE_LINK = re.compile(r'\[`([^`\]]+)`\]\([^)\s]*\)')                   # nbdev's [`sym`](url) inside a code block
_FENCE = re.compile(r'^\s*(```|~~~)')


def _site_urls(site_url) -> list[str]:
    if not site_url: return []
    return [u.rstrip('/') for u in ([site_url] if isinstance(site_url, str) else site_url) if u and u.strip('/')]


def _split_fences(text: str) -> list[tuple[bool, str]]:
    "Split markdown into `(in_code_block, chunk)` pieces at fenced code blocks (fence lines belong to the code); `''.join` restores it."
    out, cur, code = [], [], False
    for line in text.splitlines(keepends=True):
        if _FENCE.match(line):
            if not code: out.append((False, ''.join(cur))); cur = [line]; code = True
            else: cur.append(line); out.append((True, ''.join(cur))); cur = []; code = False
        else: cur.append(line)
    out.append((code, ''.join(cur)))
    return [(c, t) for c, t in out if t]


def _join_fences(parts) -> str:
    return ''.join(t for _, t in parts)


def _relative_links(text: str, site_url=None, nb_pages: dict | None = None) -> str:
    "Turn links to site pages (`[sym](site_url/page.html#sym)`, `[x](page.html)`, `[x](08_perf.ipynb)`) into relative HTML links."
    from docutils.nodes import make_id
    def sub(m):
        label = re.sub(r'`([^`]+)`', r'<code>\1</code>', m[1])
        page = f'{nb_pages[m[2]]}.html' if m[2].endswith('.ipynb') else m[2]
        return f'<a href="{page}{"#" + make_id(m[3]) if m[3] else ""}">{label}</a>'
    def one(t):
        for u in _site_urls(site_url): t = re.sub(_DOC_LINK.format(re.escape(u)), sub, t)
        if nb_pages: t = re.sub(_NB_LINK.format('|'.join(map(re.escape, nb_pages))), sub, t)
        return re.sub(_DOC_LINK.format('').replace('\\(/', '\\('), sub, t)  # already relative: page.html
    return _join_fences([(c, t if c else one(t)) for c, t in _split_fences(text)])


def _plain_code_links(text: str) -> str:
    "Inside code blocks, nbdev's `` [`sym`](url) `` links become plain `sym` (a code block shows markup literally)."
    return _join_fences([(c, _CODE_LINK.sub(r'\1', t) if c else t) for c, t in _split_fences(text)])


def _class_signatures(text: str, classes) -> str:
    "show_doc (fastcore) writes every signature as `def Name(`; a class is shown as `class Name(`."
    if not classes: return text
    def fix(t):
        return re.sub(r'^def ([\w.]+)\(', lambda m: f'class {m[1]}(' if m[1] in classes else m[0], t, flags=re.M)
    return _join_fences([(c, fix(t) if c else t) for c, t in _split_fences(text)])


def _tidy_dataframe_html(html: str) -> str:
    "pandas' HTML table: the index name joins the column header row (no empty second header row); one-word cells never wrap."
    if 'class="dataframe"' not in html: return html
    def header(m):
        rows = re.findall(r'<tr[^>]*>.*?</tr>', m[1], flags=re.S)
        if len(rows) != 2 or 'colspan' in rows[0]: return m[0]
        top, names = [re.findall(r'<th[^>]*>(.*?)</th>', r, flags=re.S) for r in rows]
        if len(top) != len(names): return m[0]
        n_idx = next((i for i, x in enumerate(top) if x.strip()), len(top))   # leading empty corner cells
        if n_idx == 0 or any(x.strip() for x in names[n_idx:]) or not any(x.strip() for x in names[:n_idx]): return m[0]
        cells = re.findall(r'<th[^>]*>.*?</th>', rows[0], flags=re.S)
        cells[:n_idx] = [f'<th>{x}</th>' for x in names[:n_idx]]
        row = re.match(r'<tr[^>]*>', rows[0])[0] + ''.join(cells) + '</tr>'
        return f'<thead>{row}</thead>'
    html = re.sub(r'<thead>(.*?)</thead>', header, html, count=0, flags=re.S)
    return re.sub(r'<(td|th)>([^<>\s]+)</\1>', r'<\1 class="nowrap">\2</\1>', html)


def _clean_markdown_output(out: dict, site_url=None, classes=(), nb_pages: dict | None = None) -> dict:
    "Tidy show_doc markdown and DataFrame HTML: no `---` rules, no dead source links, relative doc links, classes as classes."
    data = out.get('data', {})
    if 'text/html' in data:
        h = data['text/html']
        out = dict(out, data=dict(data, **{'text/html': _tidy_dataframe_html(''.join(h) if isinstance(h, list) else h)}))
    md = out.get('data', {}).get('text/markdown')
    if md is None: return out
    text = ''.join(md) if isinstance(md, list) else md
    text = '\n'.join(l for l in text.splitlines() if l.strip() != '---')
    text = _class_signatures(_plain_code_links(text), classes)
    text = _relative_links(text, site_url, nb_pages)
    text = _QUARTO_LINK.sub('', text)  # show_doc's [source](git host){...}: the project has no public host to link
    return dict(out, data=dict(out['data'], **{'text/markdown': text}))


def inline_markdown(text: str, site_url=None, nb_pages: dict | None = None) -> str:
    "Render one line of markdown (a page description) to HTML: inline code, links made relative, `<x>` kept as text."
    from markdown_it import MarkdownIt
    html = MarkdownIt('commonmark', {'html': False}).renderInline(str(text))
    def href(m):
        a = re.match(r'<a href="([^"]*)">', _relative_links(f'[x]({m[1]})', site_url, nb_pages))
        return f'href="{a[1]}"' if a else m[0]
    return re.sub(r'href="([^"]*)"', href, html)


def class_names(lib_dir: Path) -> set[str]:
    "Qualified names of the classes defined in the library's modules (read with `ast`, nothing imported)."
    import ast
    names = set()
    def walk(node, prefix=''):
        for n in ast.iter_child_nodes(node):
            if isinstance(n, ast.ClassDef): names.add(prefix + n.name); walk(n, f'{prefix}{n.name}.')
    for f in sorted(Path(lib_dir).glob('*.py')): walk(ast.parse(f.read_text()))
    return names


def _md(text):
    return {'cell_type': 'markdown', 'metadata': {}, 'source': text}


def adapt_notebook(nb: dict, toctree: list[str] | None = None, site_url: str | list[str] | None = None,
                   classes=(), nb_pages: dict | None = None) -> dict:
    "Return a copy of processed notebook `nb` ready for myst-nb; `toctree` adds a hidden toctree (root page)."
    fm, idx = parse_front_matter(nb)
    cells = []
    if 'title' not in fm:
        raise ValueError('processed notebook has no title: start the notebook with an H1 heading "# Title"')
    head = f"# {fm['title']}"
    if fm.get('description'): head += f"\n\n<p class=\"description\">{inline_markdown(fm['description'], site_url, nb_pages)}</p>"
    cells.append(_md(head))
    for i, c in enumerate(nb['cells']):
        if i == idx: continue
        src = _src(c)
        if c['cell_type'] == 'markdown' and src.strip().startswith('<!-- WARNING: THIS FILE WAS AUTOGENERATED'):
            continue
        keep = ('cell_type', 'metadata', 'source', 'outputs', 'execution_count', 'attachments')
        c = {k: v for k, v in c.items() if k in keep}  # drop nbdev's private keys (e.g. has_sd): not nbformat
        c['metadata'] = dict(c.get('metadata', {}))
        if c['cell_type'] == 'code':
            tags, src = directive_tags(src)
            if 'remove-cell' in tags: continue
            if tags: c['metadata']['tags'] = sorted(set(c['metadata'].get('tags', []) + tags))
            c['outputs'] = [_clean_markdown_output(o, site_url, classes, nb_pages) for o in c.get('outputs', [])]
        elif c['cell_type'] == 'markdown': src = _relative_links(src, site_url, nb_pages)
        c['source'] = src
        c.pop('id', None)
        cells.append(c)
    if toctree:
        cells.append(_md('```{toctree}\n:hidden:\n:maxdepth: 1\n\n' + '\n'.join(toctree) + '\n```'))
    meta = {'kernelspec': {'display_name': 'Python 3', 'language': 'python', 'name': 'python3'},
            'language_info': {'name': 'python'}}
    return {'cells': cells, 'metadata': meta, 'nbformat': 4, 'nbformat_minor': 4}


def build_sources(proc_dir: Path, sidebar_yml: Path, out_dir: Path, conf_py: Path, static: list[Path] = (),
                  site_url: str | list[str] | None = None, classes=()) -> list[str]:
    "Write the Sphinx source tree for every page in `sidebar_yml` from `proc_dir`; return page names in order."
    proc_dir, out_dir = Path(proc_dir), Path(out_dir)
    pages = sidebar_pages(sidebar_yml)
    if not pages or pages[0] != 'index.ipynb':
        raise ValueError(f'{sidebar_yml}: the first sidebar entry must be index.ipynb (the root page)')
    if out_dir.exists(): shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    names = []
    for p in pages:
        src = proc_dir / p
        if not src.exists():
            raise FileNotFoundError(f'{src} not found: sidebar.yml lists {p}, but nbs/ has no such notebook '
                                    '(add the notebook or remove the entry)')
        nb = json.loads(src.read_text())
        fm, _ = parse_front_matter(nb)
        names.append(Path(fm.get('output-file', p)).stem)
    nb_pages = dict(zip(pages, names))
    for p, name in zip(pages, names):
        nb = json.loads((proc_dir / p).read_text())
        out = adapt_notebook(nb, toctree=names[1:] if name == 'index' else None, site_url=site_url,
                             classes=classes, nb_pages=nb_pages)
        (out_dir / f'{name}.ipynb').write_text(json.dumps(out, indent=1))
    shutil.copy(conf_py, out_dir / 'conf.py')
    for s in static:
        s = Path(s)
        if s.exists(): shutil.copytree(s, out_dir / s.name, dirs_exist_ok=True) if s.is_dir() else shutil.copy(s, out_dir)
    return names
