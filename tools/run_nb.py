"""Execute notebooks in place (outputs saved for the docs site), from the notebook's folder, then `nbdev_clean` them.

With `--colors N` the PNG figures are stored as palette PNGs of at most N colours where that is smaller: with N=64 a
quarter to a third of the bytes of matplotlib's RGBA PNGs and no visible change for line plots and heat maps (smooth
image gradients show bands), so a page with many readable figures at dpi 100 stays under 400 KB.
Usage: python tools/run_nb.py [--skip slow,cuda] [--colors 64] nbs/NN_name.ipynb [...];
`--compact --colors 64` only re-encodes the PNGs a notebook already stores.
"""
import base64, io, os, sys, time
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from nbdev.clean import nbdev_clean

def _flagged(cell, flags):
    "True for a code cell carrying one of `flags` as an nbdev directive (`#| slow`)."
    if not flags or cell.cell_type != 'code': return False
    return any(l.strip().replace(' ', '') in {f'#|{f}' for f in flags} for l in cell.source.splitlines())


def compact_png(b64:str, colors:int=64) -> str:
    "A base64 PNG re-encoded as a palette PNG of at most `colors` colours (no dithering), if that is smaller."
    from PIL import Image
    raw = base64.b64decode(b64)
    im = Image.open(io.BytesIO(raw))
    if im.mode == 'RGBA' and im.getextrema()[3][0] < 255: return b64   # real transparency: leave it
    buf = io.BytesIO()
    im.convert('RGB').quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(buf, format='png', optimize=True)
    return base64.b64encode(buf.getvalue()).decode() if buf.tell() < len(raw) else b64


def compact_outputs(nb, colors:int=64):
    "Re-encode every PNG output of `nb` with `compact_png`; returns the number of bytes saved."
    saved = 0
    for c in nb.cells:
        for o in c.get('outputs', []):
            d = o.get('data', {})
            if 'image/png' in d:
                old = ''.join(d['image/png']) if isinstance(d['image/png'], list) else d['image/png']
                d['image/png'] = compact_png(old, colors); saved += len(old) - len(d['image/png'])
    return saved


def run_nb(path, skip=(), colors=None):
    path = Path(path).resolve()
    nb = read_nb(path)
    t0, cwd = time.time(), os.getcwd()
    os.chdir(path.parent)  # same working directory as `nbdev_test`
    try:
        sh = CaptureShell(path, mpl_format='png')  # plain PNG: retina doubles every figure's size
        sh.run_all(nb, exc_stop=True, preproc=lambda c: _flagged(c, skip))
    finally: os.chdir(cwd)
    saved = compact_outputs(nb, colors) if colors else 0
    write_nb(nb, path)
    print(f'{path.name}: executed in {time.time()-t0:.1f}s' + (f'; PNGs {saved // 1024} KB smaller as palette PNGs' if colors else ''))

if __name__ == '__main__':
    args = sys.argv[1:]
    skip = args[args.index('--skip') + 1].split(',') if '--skip' in args else ()
    if '--skip' in args: del args[args.index('--skip'):args.index('--skip') + 2]
    colors = int(args[args.index('--colors') + 1]) if '--colors' in args else None
    if '--colors' in args: del args[args.index('--colors'):args.index('--colors') + 2]
    compact = '--compact' in args
    if compact: args.remove('--compact')
    if not args or (compact and not colors):
        sys.exit('usage: python tools/run_nb.py [--skip slow,cuda] [--colors 64] nbs/NN_name.ipynb [...]\n'
                 '       python tools/run_nb.py --compact --colors 64 nbs/NN_name.ipynb [...]')
    for p in args:
        if compact:
            nb = read_nb(p); saved = compact_outputs(nb, colors); write_nb(nb, p); print(f'{p}: PNGs {saved // 1024} KB smaller')
        else: run_nb(p, skip, colors)
    nbdev_clean.__wrapped__(fname=None)
