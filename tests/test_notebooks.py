"Every notebook runs under `nbdev_test --n_workers 2`; one pytest result per notebook."
import json, os, re, subprocess, sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NBS = sorted(p.name for p in (ROOT / 'nbs').glob('*.ipynb'))


@pytest.fixture(scope='module')
def nbdev_test_run():
    "Run nbdev_test once over every notebook (2 workers); return the names of the failed notebooks."
    r = subprocess.run([BIN / 'nbdev_test', '--n_workers', os.environ.get('NB_WORKERS', '2'), '--timing'],
                       cwd=ROOT, capture_output=True, text=True)
    sys.stdout.write(r.stdout); sys.stderr.write(r.stderr[-20000:])
    m = re.search(r'Failed On The Following Notebooks:\n=+\n(.*)', r.stderr, re.S)
    failed = {l.strip() for l in m[1].splitlines() if l.strip()} if m else set()
    if r.returncode and not failed: pytest.fail(f'nbdev_test exited {r.returncode} without naming notebooks:\n{r.stderr[-3000:]}')
    return failed, r.stdout, r.stderr


@pytest.mark.parametrize('nb', NBS)
def test_notebook(nb, nbdev_test_run):
    failed, out, err = nbdev_test_run
    if nb in failed:
        tb = err[err.find(nb):][:4000] if nb in err else err[-4000:]
        pytest.fail(f'{nb} failed under nbdev_test:\n{tb}')
