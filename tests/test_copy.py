"A notebook copied out of the repository runs top to bottom in a fresh kernel (what a user who downloads one does)."
import shutil, subprocess, sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Every cell runs, the closing `nbdev_export()` cell included (nbdev_test skips that one), except the heavy cells that
# carry one of settings.ini's tst_flags, as under nbdev_test.
_RUN = '''
import re, sys
from execnb.nbio import read_nb
from execnb.shell import CaptureShell
nb = read_nb(sys.argv[1])
heavy = lambda c: c.cell_type == 'code' and re.search(r'^#\\|\\s*(notest|slow|cuda)\\b', c.source, re.M)
CaptureShell(sys.argv[1]).run_all(nb, exc_stop=True, preproc=heavy)
print('ran', sum(not heavy(c) for c in nb.cells), 'cells')
'''


@pytest.mark.parametrize('nb', ['index.ipynb', '02_baselines.ipynb', '08_performance.ipynb'])
def test_notebook_runs_from_a_copy(nb, tmp_path):
    "Copy one notebook alone into an empty folder outside the repository and execute every cell there."
    dst = tmp_path / 'copy' / nb
    dst.parent.mkdir()
    shutil.copy(ROOT / 'nbs' / nb, dst)
    r = subprocess.run([sys.executable, '-c', _RUN, str(dst)], cwd=dst.parent, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, f'{nb} failed when run from a copy in {dst.parent}:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}'
    assert 'ran' in r.stdout
    assert not (dst.parent / 'scribe_robust').exists(), 'the copy exported a library next to itself'
