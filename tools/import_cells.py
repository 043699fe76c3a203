"""Find (and with --fix, split) notebook cells that mix imports with other code.

nbdev's docs processing (`nbdev_proc_nbs`, also under `nbdev_docs` with Quarto) re-executes every code cell that contains an
import *anywhere*, to render show_doc output; such a cell that also uses names from earlier cells fails the docs build
(nbdev FAQ: keep imports in their own cells). `--fix` moves top-level imports into a new cell just before; imports nested
inside functions or blocks are reported for a hand fix (import at the top of the notebook instead).
Usage: python tools/import_cells.py [--fix] nbs/*.ipynb
"""
import ast, json, re, sys
from pathlib import Path

_SHOW = {'export', 'exports', 'exporti', 'exec_doc'}
_DIR = re.compile(r'^\s*#\|\s*([\w-]+)(:?)\s*(.*)$')


def _directives(src):
    d = {}
    for l in src.splitlines():
        m = _DIR.match(l)
        if m: d[m[1] + m[2]] = m[3]
    return d


def _src(c): return ''.join(c['source']) if isinstance(c['source'], list) else c['source']


def bad_cells(nb):
    "Indices of code cells nbdev would execute for docs that hold imports next to other code: (idx, fixable)."
    out = []
    for i, c in enumerate(nb['cells']):
        if c['cell_type'] != 'code': continue
        s = _src(c); d = _directives(s)
        if d.keys() & _SHOW or d.get('eval:', '').lower() == 'false' or 'nbdev_export()' in s: continue
        try: tree = ast.parse('\n'.join(l for l in s.splitlines() if not l.lstrip().startswith(('%', '!'))))
        except SyntaxError: continue
        nodes = list(ast.walk(tree))
        if not any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in nodes): continue
        top_imp = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        if len(top_imp) == len(tree.body): continue  # a pure import cell: fine
        nested = sum(isinstance(n, (ast.Import, ast.ImportFrom)) for n in nodes) > len(top_imp)
        out.append((i, not nested))
    return out


def split_cell(c):
    "Two cells: the cell's top-level imports (with its directives), then the rest."
    s = _src(c)
    lines = s.splitlines()
    tree = ast.parse(s)
    imp_lines = set()
    for n in tree.body:
        if isinstance(n, (ast.Import, ast.ImportFrom)): imp_lines.update(range(n.lineno - 1, n.end_lineno))
    dirs = [l for l in lines if _DIR.match(l)]
    imps = [l for i, l in enumerate(lines) if i in imp_lines]
    rest = [l for i, l in enumerate(lines) if i not in imp_lines]
    first = dict(c, source='\n'.join(dirs + imps), outputs=[], execution_count=None)
    first.pop('id', None)
    return [first, dict(c, source='\n'.join(rest))]


def main(argv):
    fix = '--fix' in argv
    files = [a for a in argv if a != '--fix']
    n_bad = 0
    for f in files:
        nb = json.loads(Path(f).read_text())
        bad = bad_cells(nb)
        for i, ok in bad:
            print(f'{f}: cell {i} mixes imports with other code' + ('' if ok else ' (import nested in a block: fix by hand)'))
        n_bad += sum(1 for _, ok in bad if not (fix and ok))
        if fix and any(ok for _, ok in bad):
            fixable = {i for i, ok in bad if ok}
            cells = []
            for i, c in enumerate(nb['cells']): cells += split_cell(c) if i in fixable else [c]
            nb['cells'] = cells
            Path(f).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')
    return n_bad


if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1:]) else 0)
