"Notebooks clean and library in sync: the first two checks of `make test`, as in nbdev's CI."
import hashlib, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _digest(paths):
    return {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths)}


def _changed(before, after):
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def test_notebooks_clean():
    "`nbdev_clean` must change nothing: run `nbdev_clean` and commit the notebooks it cleaned."
    nbs = list((ROOT / 'nbs').glob('*.ipynb'))
    before = _digest(nbs)
    subprocess.run([BIN / 'nbdev_clean'], cwd=ROOT, check=True)
    changed = _changed(before, _digest(list((ROOT / 'nbs').glob('*.ipynb'))))
    assert not changed, f'notebooks were not clean (now cleaned, commit them): {changed}'


def test_library_in_sync():
    "`nbdev_export` must change nothing: edit notebooks, never `scribe_robust/*.py`, and export."
    lib = lambda: list((ROOT / 'scribe_robust').rglob('*.py'))
    before = _digest(lib())
    subprocess.run([BIN / 'nbdev_export'], cwd=ROOT, check=True)
    changed = _changed(before, _digest(lib()))
    assert not changed, f'library out of sync with notebooks (now exported, commit it): {changed}'


def test_imports_in_their_own_cells():
    "nbdev re-executes cells with imports when it renders docs: such cells must hold only imports (nbdev FAQ)."
    sys.path.insert(0, str(ROOT / 'tools'))
    from import_cells import bad_cells
    import json
    bad = [f'{p.name} cell {i}' for p in sorted((ROOT / 'nbs').glob('*.ipynb'))
           for i, _ in bad_cells(json.loads(p.read_text()))]
    assert not bad, f'cells mixing imports with other code (run `python tools/import_cells.py --fix nbs/*.ipynb`): {bad}'
