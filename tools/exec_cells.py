"""Run a notebook's code cells in one plain Python namespace, without Jupyter or nbdev (for machines that lack them,
such as the GPU machine): `python tools/exec_cells.py nbs/00a_fastdata.ipynb --flags cuda`.
Cells flagged with a `tst_flags` flag (`#| slow`, `#| cuda`, ...) run only when that flag is passed; `#| eval: false`
cells never run; `show_doc` is replaced by a no-op when nbdev is not installed. Exits non-zero at the first failing cell."""
import argparse, json, os, re, sys, time, traceback
from pathlib import Path

def main():
    p = argparse.ArgumentParser(description=__doc__); p.add_argument('nb'); p.add_argument('--flags', default='')
    a = p.parse_args()
    flags, skip_flags = set(filter(None, a.flags.split(','))), {'notest', 'slow', 'cuda'}
    nb = json.loads(Path(a.nb).read_text())
    os.chdir(Path(a.nb).parent); sys.path.insert(0, str(Path.cwd().parent))
    ns = {'__name__': '__main__'}
    try: from nbdev.showdoc import show_doc
    except ImportError: show_doc = lambda *args, **kw: None
    ns['show_doc'] = show_doc
    import matplotlib; matplotlib.use('Agg')
    t_all = time.perf_counter()
    for i, c in enumerate(nb['cells']):
        if c['cell_type'] != 'code': continue
        src = ''.join(c['source'])
        dirs = {m.group(1).strip() for m in re.finditer(r'^#\|\s*(.+)$', src, re.M)}
        if 'eval: false' in dirs or ((dirs & skip_flags) - flags): continue
        if 'nbdev' in src and 'import' in src and 'showdoc' in src: src = src.replace('from nbdev.showdoc import *', '')
        if 'nbdev_export' in src: continue
        src = '\n'.join(l for l in src.splitlines() if not l.lstrip().startswith(('!', '%')))
        t0 = time.perf_counter()
        try: exec(compile(src, f'{a.nb}#cell{i}', 'exec'), ns)
        except Exception:
            traceback.print_exc(); print(f'FAILED: cell {i} of {a.nb}'); return 1
        tag = ' [' + ','.join(sorted(dirs & flags)) + ']' if dirs & flags else ''
        print(f'cell {i:3d}{tag}: ok ({time.perf_counter() - t0:.1f} s)')
    print(f'all cells of {a.nb} passed ({time.perf_counter() - t_all:.0f} s, flags: {sorted(flags) or "none"})')
    return 0

if __name__ == '__main__': sys.exit(main())
