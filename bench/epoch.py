"""SCrIBE and baseline ResNet-18 epoch time on a CIFAR-10-size stand-in (random uint8 50k x 32px) with the fast data
path, bf16 autocast and channels_last; extrapolates the paper's 140-run x 30-epoch grid. One command:
    python bench/epoch.py --out bench/results/epoch.json          # GPU machine
    python bench/epoch.py --smoke --standin                         # tiny CPU check
"""
import argparse, statistics, sys, time
from functools import partial
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import env_info, finish, pick_device, sync

GRID = dict(augs=7, subsets=[k / 10 for k in range(1, 11)], epochs=30, n_train=50_000, n_test=10_000)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out', default='bench/results/epoch.json', help='where to write the JSON results')
    p.add_argument('--models', default='scribe,baseline', help='comma list of scribe, baseline')
    p.add_argument('--n', type=int, default=50_000, help='training images in the stand-in set')
    p.add_argument('--n-valid', type=int, default=10_000, help='validation images')
    p.add_argument('--size', type=int, default=32, help='image side')
    p.add_argument('--bs', type=int, default=128, help='batch size (paper: 128)')
    p.add_argument('--epochs', type=int, default=3, help='epochs to run; the first is warm-up and not counted')
    p.add_argument('--aug', default='combined', help='augmentation policy on the device (combined = the most work)')
    p.add_argument('--width', type=float, default=1.0, help='channel multiplier of the library models (the paper: 1.0)')
    p.add_argument('--device', default=None, help="default: cuda if available (cpu with --smoke)")
    p.add_argument('--no-bf16', action='store_true', help='full fp32')
    p.add_argument('--no-channels-last', action='store_true', help='keep NCHW')
    p.add_argument('--compile', action='store_true', help='torch.compile the model')
    p.add_argument('--compile-mode', default=None, help="torch.compile mode, e.g. 'reduce-overhead' (CUDA graphs); implies --compile")
    p.add_argument('--opt', default='torch', choices=['fastai', 'torch'], help="fastai's SGD (a Python loop over parameters) or torch.optim.SGD (foreach/fused kernels) through fastai's OptimWrapper, as the trainer's 'paper' recipe (default); same update rule (coupled L2, momentum 0.9, no dampening)")
    p.add_argument('--aug-chunk', type=int, default=None, help='images augmented per device call (fastdata default: ~16 MB of pixels); 128 = one batch per call')
    p.add_argument('--standin', action='store_true', help='use clearly labelled torchvision stand-ins when scribe_robust.ibe/baselines are missing')
    p.add_argument('--smoke', action='store_true', help='tiny sizes on CPU: checks the script, measures nothing useful')
    a = p.parse_args(argv)
    if a.smoke: a.n, a.n_valid, a.size, a.bs, a.epochs, a.width = 64, 32, 16, 16, 2, 0.25
    import torch
    from fastai.learner import Learner
    from fastai.optimizer import SGD, OptimWrapper
    import fastai.callback.progress   # noqa: F401 (learn.no_bar)
    from fastai.callback.core import Callback
    from scribe_robust.fastdata import fast_dls, perf_setup
    from models import get_model
    dev = pick_device(a.device, a.smoke)
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(0)
    x = torch.randint(0, 256, (a.n, 3, a.size, a.size), dtype=torch.uint8, generator=g)
    y = torch.randint(0, 10, (a.n,), generator=g)
    xv = torch.randint(0, 256, (a.n_valid, 3, a.size, a.size), dtype=torch.uint8, generator=g)
    yv = torch.randint(0, 10, (a.n_valid,), generator=g)
    cl, bf16 = dev.type == 'cuda' and not a.no_channels_last, dev.type == 'cuda' and not a.no_bf16
    if a.smoke: cl = bf16 = False
    dls = fast_dls(x, y, valid=(xv, yv), aug=a.aug, bs=a.bs, device=dev, seed=0, channels_last=cl)
    dls.train.aug_chunk = a.aug_chunk
    if a.opt == 'fastai': opt_func = partial(SGD, mom=0.9, decouple_wd=False)
    else: opt_func = partial(OptimWrapper, opt=partial(torch.optim.SGD, momentum=0.9, fused=dev.type == 'cuda', foreach=None if dev.type == 'cuda' else True))

    class EpochTimer(Callback):
        order = 100
        def before_fit(self): self.train_s, self.valid_s = [], []
        def before_train(self): sync(dev); self.t0 = time.perf_counter()
        def after_train(self): sync(dev); self.train_s.append(time.perf_counter() - self.t0)
        def before_validate(self): sync(dev); self.t1 = time.perf_counter()
        def after_validate(self): sync(dev); self.valid_s.append(time.perf_counter() - self.t1)

    res = dict(env=env_info(dev), args=vars(a), grid=GRID, results=[], missing=[])
    rows = []
    for kind in a.models.split(','):
        model, loss, source, miss = get_model(kind, a.standin, width=a.width)
        if miss: res['missing'].append(miss)
        if model is None: continue
        model, cbs = perf_setup(model, dev, channels_last=cl, bf16=bf16, compile=a.compile and not a.compile_mode)
        if a.compile_mode: model = torch.compile(model, mode=a.compile_mode)
        lr = 0.05 if kind == 'scribe' else 0.1
        timer = EpochTimer()
        learn = Learner(dls, model, loss_func=loss, opt_func=opt_func, lr=lr, wd=5e-4, cbs=cbs + [timer])
        with learn.no_bar(), learn.no_logging(): learn.fit(a.epochs, lr)
        tr, va = timer.train_s[1:] or timer.train_s, timer.valid_s[1:] or timer.valid_s
        tr_s, va_s = statistics.median(tr), statistics.median(va)
        full_train = tr_s * GRID['n_train'] / a.n          # scale to 50k if --n was smaller
        full_valid = va_s * GRID['n_test'] / a.n_valid
        grid_s = GRID['augs'] * GRID['epochs'] * (sum(GRID['subsets']) * full_train + len(GRID['subsets']) * full_valid)
        r = dict(model=kind, source=source, epoch_train_s=tr_s, epoch_valid_s=va_s, epoch_train_s_50k=full_train,
                 images_per_s=a.n / tr_s, warmup_epoch_s=timer.train_s[0], grid_70_runs_h=grid_s / 3600,
                 bf16=bf16, channels_last=cl, compiled=a.compile or bool(a.compile_mode), compile_mode=a.compile_mode, opt=a.opt, aug_chunk=dls.train._chunk_batches() * a.bs, all_train_s=timer.train_s, all_valid_s=timer.valid_s)
        res['results'].append(r); rows.append(r)
    if len(rows) == 2: res['grid_140_runs_h'] = sum(r['grid_70_runs_h'] for r in rows)
    targets = dict(scribe=5.0, baseline=2.0)
    for r in rows: r['target_epoch_s'] = targets[r['model']]
    finish(res, rows, ['model', 'source', 'epoch_train_s', 'epoch_train_s_50k', 'target_epoch_s', 'images_per_s', 'epoch_valid_s', 'grid_70_runs_h'],
           f"Epoch time, {a.n} x {a.size}px, bs {a.bs}, aug {a.aug}" + (' [SMOKE: CPU, tiny, not a measurement]' if a.smoke else ''), a.out)
    if 'grid_140_runs_h' in res: print(f"extrapolated 140-run x 30-epoch grid: {res['grid_140_runs_h']:.2f} h (target <= 3 h)")
    return 0 if rows else 2


if __name__ == '__main__': sys.exit(main())
