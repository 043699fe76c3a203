"Execute notebooks in place (outputs saved for the docs site), from the notebook's folder, then `nbdev_clean` them."
import os, sys, time
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from nbdev.clean import nbdev_clean

def run_nb(path):
    path = Path(path).resolve()
    nb = read_nb(path)
    t0, cwd = time.time(), os.getcwd()
    os.chdir(path.parent)  # same working directory as `nbdev_test`
    try:
        sh = CaptureShell(path, mpl_format='png')  # plain PNG: retina doubles every figure's size
        sh.run_all(nb, exc_stop=True)
    finally: os.chdir(cwd)
    write_nb(nb, path)
    print(f'{path.name}: executed in {time.time()-t0:.1f}s')

if __name__ == '__main__':
    if len(sys.argv) < 2: sys.exit('usage: python tools/run_nb.py nbs/NN_name.ipynb [...]')
    for p in sys.argv[1:]: run_nb(p)
    nbdev_clean.__wrapped__(fname=None)
