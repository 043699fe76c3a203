"The docs adapter (unit tests on tiny notebooks) and the offline site build with warnings as errors."
import json, subprocess, sys
from pathlib import Path

import pytest
from adapter import sidebar_pages, parse_front_matter, directive_tags, adapt_notebook, build_sources, class_names, inline_markdown

ROOT = Path(__file__).resolve().parent.parent


def _nb(*cells): return {'cells': list(cells), 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
def _raw(s): return {'cell_type': 'raw', 'metadata': {}, 'source': s}
def _code(s, outputs=()): return {'cell_type': 'code', 'metadata': {}, 'source': s, 'outputs': list(outputs), 'execution_count': None}
FM = '---\ntitle: Prepare\ndescription: Data layer\noutput-file: prepare.html\n---\n'


def test_sidebar_order_and_nesting(tmp_path):
    y = tmp_path / 'sidebar.yml'
    y.write_text('website:\n  sidebar:\n    contents:\n      - index.ipynb\n      - section: Core\n        contents:\n          - 00_a.ipynb\n          - 01_b.ipynb\n')
    assert sidebar_pages(y) == ['index.ipynb', '00_a.ipynb', '01_b.ipynb']
    y.write_text('website: {}\n')
    with pytest.raises(ValueError, match='website.sidebar.contents'): sidebar_pages(y)


def test_front_matter_and_directives():
    fm, i = parse_front_matter(_nb(_raw(FM)))
    assert (fm['title'], fm['output-file'], i) == ('Prepare', 'prepare.html', 0)
    assert parse_front_matter(_nb(_code('1'))) == ({}, None)
    tags, src = directive_tags('#| echo: false\n#| output: asis\nshow_doc(f)')
    assert tags == ['remove-input'] and src == 'show_doc(f)'
    assert directive_tags('#| include: false\nx=1')[0] == ['remove-cell']
    assert directive_tags('#| output: false\nx=1')[0] == ['remove-output']
    assert directive_tags('x = 1  # | echo: false')[0] == []
    assert directive_tags('#| classes: thumbnails\nshow(x)') == (['thumbnails'], 'show(x)')   # -> CSS class tag_thumbnails


def test_adapt_notebook():
    md_out = {'output_type': 'execute_result', 'data': {'text/markdown': '---\n\n[source](http://x/y.py#L1){target="_blank" style="float:right"}\n\n### f\n\n*doc*', 'text/plain': 'f'}, 'metadata': {}, 'execution_count': 1}
    nb = _nb(_raw(FM), _code('#| echo: false\nshow_doc(f)', [md_out]), _code('#| include: false\nsecret()'))
    nb['cells'][1]['has_sd'] = True
    nb['cells'].append({'cell_type': 'markdown', 'metadata': {}, 'source': 'see [`g`](https://h.org/prepare.html#g)'})
    out = adapt_notebook(nb, toctree=['prepare'], site_url='https://h.org/')
    import nbformat; nbformat.validate(nbformat.from_dict(out))
    srcs = [c['source'] for c in out['cells']]
    assert srcs[0].startswith('# Prepare') and 'Data layer' in srcs[0]
    assert out['cells'][1]['metadata']['tags'] == ['remove-input'] and srcs[1] == 'show_doc(f)'
    md = out['cells'][1]['outputs'][0]['data']['text/markdown']
    assert '---' not in md and '{target' not in md and 'http://x/y.py' not in md and '### f' in md
    assert not any('secret' in s for s in srcs)
    assert 'see <a href="prepare.html#g"><code>g</code></a>' in srcs
    out = adapt_notebook(_nb(_raw(FM), {'cell_type': 'markdown', 'metadata': {}, 'source': '| [ibe](ibe.html) | [x](https://a.org/b.html) |'}))
    assert out['cells'][1]['source'] == '| <a href="ibe.html">ibe</a> | [x](https://a.org/b.html) |'
    out = adapt_notebook(_nb(_raw(FM), {'cell_type': 'markdown', 'metadata': {}, 'source': '[r](report/index.html)'}))
    assert out['cells'][1]['source'] == '<a href="report/index.html">r</a>'
    assert '{toctree}' in srcs[-1] and 'prepare' in srcs[-1]
    with pytest.raises(ValueError, match='H1'): adapt_notebook(_nb(_code('1')))


def _md_out(md): return {'output_type': 'execute_result', 'data': {'text/markdown': md, 'text/plain': 'x'}, 'metadata': {}, 'execution_count': 1}


def test_show_doc_signatures():
    "Signature blocks: nbdev's links become plain names (a code block shows markup literally), classes read `class`."
    sd = ('\n### Foo\n\n```python\ndef Foo(\n    mode:int=1, # see [`Bar`](https://h.org/ibe.html#bar) and [`baz`](tester.html#baz)\n):\n```\n\n'
          '*Wraps [`Bar`](https://h.org/ibe.html#bar).*')
    fn = '### foo\n\n```python\ndef foo(\n    x, # an `x`\n):\n```\n\n```python\ndef Foo.method(\n):\n```'
    nb = _nb(_raw(FM), _code('show_doc(Foo)', [_md_out(sd)]), _code('show_doc(foo)', [_md_out(fn)]))
    out = adapt_notebook(nb, site_url=['https://h.org', 'https://old.org'], classes={'Foo', 'Foo.Inner'})
    md, md2 = [c['outputs'][0]['data']['text/markdown'] for c in out['cells'][1:3]]
    assert '```python\nclass Foo(\n    mode:int=1, # see Bar and baz\n):\n```' in md, md
    assert '*Wraps <a href="ibe.html#bar"><code>Bar</code></a>.*' in md   # links kept outside the code block
    assert 'def foo(' in md2 and 'def Foo.method(' in md2 and '# an `x`' in md2   # functions and methods stay `def`
    old = adapt_notebook(_nb(_raw(FM), {'cell_type': 'markdown', 'metadata': {}, 'source': '[`g`](https://old.org/prepare.html#g)'}),
                         site_url=['https://h.org', 'https://old.org'])
    assert old['cells'][1]['source'] == '<a href="prepare.html#g"><code>g</code></a>'   # any of the doc hosts


def test_description_and_notebook_links():
    "Descriptions render inline markdown and keep angle brackets; links to notebooks point at their pages."
    fm = '---\ntitle: T\ndescription: "Train into `runs/<run_id>/`, see [perf](08_performance.ipynb) & a<b"\n---\n'
    pages = {'08_performance.ipynb': 'performance', '00_prepare.ipynb': 'prepare'}
    head = adapt_notebook(_nb(_raw(fm)), nb_pages=pages)['cells'][0]['source']
    assert head == '# T\n\n<p class="description">Train into <code>runs/&lt;run_id&gt;/</code>, see <a href="performance.html">perf</a> &amp; a&lt;b</p>', head
    src = '[p](nbs/00_prepare.ipynb#get-dls) and [q](../nbs/08_performance.ipynb) and [r](other.ipynb)\n```\n[p](00_prepare.ipynb)\n```'
    out = adapt_notebook(_nb(_raw(FM), {'cell_type': 'markdown', 'metadata': {}, 'source': src}), nb_pages=pages)
    assert out['cells'][1]['source'] == ('<a href="prepare.html#get-dls">p</a> and <a href="performance.html">q</a> and [r](other.ipynb)'
                                         '\n```\n[p](00_prepare.ipynb)\n```')   # code blocks untouched
    assert inline_markdown('plain') == 'plain'


def test_dataframe_tables():
    "pandas tables: a named index joins the header row (no empty second row); one-word cells never wrap."
    import pandas as pd
    df = pd.DataFrame({'run_id': ['baseline-none-sub1-seed0'], 'note': ['two words']}, index=pd.Index(['r1'], name='what'))
    out = adapt_notebook(_nb(_raw(FM), _code('df', [{'output_type': 'execute_result', 'execution_count': 1, 'metadata': {},
                                                      'data': {'text/html': df._repr_html_(), 'text/plain': str(df)}}])))
    html = out['cells'][1]['outputs'][0]['data']['text/html']
    head = html.split('<thead>')[1].split('</thead>')[0]
    assert head.count('<tr') == 1 and '>what</th><th class="nowrap">run_id</th>' in head, head
    assert '<td class="nowrap">baseline-none-sub1-seed0</td>' in html and '<td>two words</td>' in html
    plain = pd.DataFrame({'a': [1]})   # no index name: pandas writes one header row, kept as it is
    out = adapt_notebook(_nb(_raw(FM), _code('df', [{'output_type': 'execute_result', 'execution_count': 1, 'metadata': {},
                                                      'data': {'text/html': plain._repr_html_()}}])))
    assert out['cells'][1]['outputs'][0]['data']['text/html'].split('<thead>')[1].split('</thead>')[0].count('<tr') == 1
    cols = pd.DataFrame({'a': [1]}, index=pd.Index(['r'], name='i')); cols.columns.name = 'c'   # both named: left alone
    assert adapt_notebook(_nb(_raw(FM), _code('df', [{'output_type': 'execute_result', 'execution_count': 1, 'metadata': {},
        'data': {'text/html': cols._repr_html_()}}])))['cells'][1]['outputs'][0]['data']['text/html'].split('</thead>')[0].count('<tr') == 2


def test_class_names(tmp_path):
    (tmp_path / 'm.py').write_text('class A:\n    class B: pass\n    def f(self): pass\ndef g(): pass\n@dataclass\nclass C: x: int = 1\n')
    assert class_names(tmp_path) == {'A', 'A.B', 'C'}


def test_no_host_links(tmp_path):
    "The build fails on a link left pointing at the doc host, naming the page and the fix."
    from build import check_no_host_links
    (tmp_path / 'ok.ipynb').write_text('{"a": "<a href=\\"ibe.html\\">"}')
    check_no_host_links(tmp_path, ['https://h.org'])
    (tmp_path / 'bad.ipynb').write_text('{"a": "[home](https://h.org/)"}')
    with pytest.raises(SystemExit, match='bad.ipynb -> https://h.org.*relatively'): check_no_host_links(tmp_path, ['https://h.org'])


def test_build_sources_errors(tmp_path):
    (tmp_path / 'proc').mkdir()
    y = tmp_path / 'sidebar.yml'
    y.write_text('website:\n  sidebar:\n    contents:\n      - 00_a.ipynb\n')
    with pytest.raises(ValueError, match='index.ipynb'): build_sources(tmp_path / 'proc', y, tmp_path / 'out', ROOT / 'docs/conf.py')
    y.write_text('website:\n  sidebar:\n    contents:\n      - index.ipynb\n')
    with pytest.raises(FileNotFoundError, match='no such notebook'): build_sources(tmp_path / 'proc', y, tmp_path / 'out', ROOT / 'docs/conf.py')


def test_every_notebook_in_sidebar():
    "Each notebook in nbs/ has a page (sidebar.yml lists it), and every listed notebook exists."
    listed = sidebar_pages(ROOT / 'nbs' / 'sidebar.yml')
    present = sorted(p.name for p in (ROOT / 'nbs').glob('*.ipynb'))
    assert sorted(listed) == present


def test_site_builds_strict():
    "`make docs` equivalent: nbdev_proc_nbs -> adapter -> Sphinx with warnings as errors."
    r = subprocess.run([sys.executable, ROOT / 'docs' / 'build.py', '--strict'], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-5000:]
    assert (ROOT / '_site' / 'index.html').exists() and (ROOT / '_site' / 'pages.json').exists()


def test_site_signatures():
    "After the build: every show_doc block of a library class reads `class Name(`, and no signature holds link markup."
    import re
    classes, bad, n = class_names(ROOT / 'scribe_robust'), [], 0
    for f in sorted((ROOT / 'docs' / '_src').glob('*.ipynb')):
        for c in json.loads(f.read_text())['cells']:
            for o in c.get('outputs', []):
                md = o.get('data', {}).get('text/markdown', '')
                for block in re.findall(r'```python\n(.*?)```', md, flags=re.S):
                    m = re.match(r'(class|def) ([\w.]+)\(', block)
                    if not m: continue
                    n += m[1] == 'class'
                    if (m[1] == 'def') == (m[2] in classes) or '](' in block or '<a ' in block: bad.append(f'{f.stem}: {block.splitlines()[0]}')
    assert n > 0 and not bad, (n, bad)


def test_readme_in_sync():
    "README.md is generated from nbs/index.ipynb (`make readme`); it must match the notebook."
    sys.path.insert(0, str(ROOT / 'tools'))
    from readme import render_readme
    assert (ROOT / '_proc' / 'index.ipynb').exists(), 'run after the site build (it processes the notebooks)'
    assert (ROOT / 'README.md').read_text() == render_readme(), 'README.md is stale: run `make readme` and commit it'
