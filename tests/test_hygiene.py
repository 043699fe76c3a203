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


def test_metadata():
    "Licence file present, no placeholder host, trove status as settings.ini says, no hard pin of fastai for users."
    import configparser, re
    assert 'Apache License' in (ROOT / 'LICENSE').read_text()[:200], 'LICENSE must hold the Apache-2.0 text settings.ini declares'
    for f in ['settings.ini', 'README.md', 'nbs/nbdev.yml', 'nbs/_quarto.yml', 'setup.py']:
        assert 'example.org' not in (ROOT / f).read_text(), f'placeholder host example.org in {f}'
    cfg = configparser.ConfigParser(delimiters=['=']); cfg.read(ROOT / 'settings.ini')
    reqs = cfg['DEFAULT']['requirements'].split()
    assert not [r for r in reqs if '==' in r], f'exact pins belong in constraints.txt, not install_requires: {reqs}'
    assert "statuses[int(cfg['status']) - 1]" in (ROOT / 'setup.py').read_text(), 'status 3 must map to "3 - Alpha"'
    assert re.search(r'^jupyterlab==', (ROOT / 'constraints.txt').read_text(), re.M), 'JupyterLab (make lab) must be pinned'
