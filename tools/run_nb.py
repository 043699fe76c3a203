"Execute notebooks in place (outputs saved for the docs site), from the notebook's folder, then `nbdev_clean` them."
import os, sys, time
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from nbdev.clean import nbdev_clean

def _flagged(cell, flags):
    "True for a code cell carrying one of `flags` as an nbdev directive (`#| slow`)."
    if not flags or cell.cell_type != 'code': return False
    return any(l.strip().replace(' ', '') in {f'#|{f}' for f in flags} for l in cell.source.splitlines())


def run_nb(path, skip=()):
    path = Path(path).resolve()
    nb = read_nb(path)
    t0, cwd = time.time(), os.getcwd()
    os.chdir(path.parent)  # same working directory as `nbdev_test`
    try:
        sh = CaptureShell(path, mpl_format='png')  # plain PNG: retina doubles every figure's size
        sh.run_all(nb, exc_stop=True, preproc=lambda c: _flagged(c, skip))
    finally: os.chdir(cwd)
    write_nb(nb, path)
    print(f'{path.name}: executed in {time.time()-t0:.1f}s')

if __name__ == '__main__':
    args = sys.argv[1:]
    skip = args[args.index('--skip') + 1].split(',') if '--skip' in args else ()
    if '--skip' in args: del args[args.index('--skip'):args.index('--skip') + 2]
    if not args: sys.exit('usage: python tools/run_nb.py [--skip slow,cuda] nbs/NN_name.ipynb [...]')
    for p in args: run_nb(p, skip)
    nbdev_clean.__wrapped__(fname=None)
