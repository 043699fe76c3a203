"""Corruption suite: generation time (12 corruptions x 5 severities, scribe_robust.tester.make_suite, parallel, cached)
and evaluation time per model (scribe_robust.tester.evaluate_corruptions: clean + 60 conditions).
    python bench/corruptions.py --out bench/results/corruptions.json   # GPU machine (16 cores for generation)
    python bench/corruptions.py --smoke --standin                      # tiny CPU check
Generation is timed on --n-gen images and extrapolated linearly to 10,000 (it is per-image work spread over processes);
evaluation on --n-eval images, extrapolated linearly to --n-target (the cost is per image). Target: evaluation <= 60 s per model; generation once, cached, parallel."""
import argparse, shutil, sys, tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import Timer, env_info, finish, lazy, pick_device


def standin_images(n, size, seed=0):
    "Smooth random uint8 (N,H,W,3) images with 10 labels: a CIFAR-size stand-in."
    import torch, torch.nn.functional as F
    g = torch.Generator().manual_seed(seed)
    lo = torch.rand(n, 3, 4, 4, generator=g)
    x = (F.interpolate(lo, size=(size, size), mode='bilinear') * 255).round().byte().permute(0, 2, 3, 1).numpy()
    return x, torch.randint(0, 10, (n,), generator=g).numpy()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out', default='bench/results/corruptions.json')
    p.add_argument('--n-gen', type=int, default=500, help='images for the generation timing (extrapolated to --n-target)')
    p.add_argument('--n-target', type=int, default=10_000, help='suite size to extrapolate generation to (CIFAR-10 test)')
    p.add_argument('--n-eval', type=int, default=2_000, help='images for the evaluation timing (a suite is built for them first); extrapolated linearly to --n-target')
    p.add_argument('--size', type=int, default=32)
    p.add_argument('--mode', default='paper', help="tester corrupt mode: 'paper' (bicubic to 224, corrupt, back) or 'native'")
    p.add_argument('--mode-eval', default='native', help='mode of the (large) suite built only to time evaluation')
    p.add_argument('--workers', type=int, default=None, help='generation processes (default: all cores)')
    p.add_argument('--models', default='scribe,baseline')
    p.add_argument('--width', type=float, default=1.0)
    p.add_argument('--bs', type=int, default=1024)
    p.add_argument('--device', default=None)
    p.add_argument('--standin', action='store_true', help='torchvision stand-in models if scribe_robust.ibe/baselines are missing')
    p.add_argument('--smoke', action='store_true', help='4 images, 2 corruptions x 2 severities, slim models, CPU')
    a = p.parse_args(argv)
    import torch
    from models import get_model
    dev = pick_device(a.device, a.smoke)
    res = dict(env=env_info(dev), args=vars(a), results=[], missing=[])
    make_suite, m1 = lazy('scribe_robust.tester', 'make_suite', 'bench/corruptions.py')
    evaluate, m2 = lazy('scribe_robust.tester', 'evaluate_corruptions', 'bench/corruptions.py')
    res['missing'] = [m for m in (m1, m2) if m]
    rows = []
    if make_suite is None or evaluate is None:
        finish(res, rows, ['what'], 'Corruption suite: nothing measured', a.out); return 2
    from scribe_robust.tester import PAPER_CORRUPTIONS, SEVERITIES
    cors, sevs = list(PAPER_CORRUPTIONS), list(SEVERITIES)
    if a.smoke: a.n_gen, a.n_eval, a.width, cors, sevs, a.workers, a.bs = 4, 4, 0.25, cors[:2], sevs[:2], 0, 64
    n_cond = len(cors) * len(sevs)
    tmp = Path(tempfile.mkdtemp(prefix='bench_corruptions_'))
    try:
        x, y = standin_images(a.n_gen, a.size)
        with Timer('cpu') as t:
            make_suite(x, corruptions=cors, severities=sevs, seed=0, cache_dir=tmp / 'gen', mode=a.mode, n_workers=a.workers, progress=False)
        per_img = t.s / (a.n_gen * n_cond)
        rows.append(dict(what=f'generate ({a.mode})', images=a.n_gen * n_cond, seconds=t.s, per_image_ms=1e3 * per_img,
                         extrapolated_s=per_img * a.n_target * n_cond, extrapolated_to=f'{a.n_target} x {n_cond} conditions'))
        xe, ye = standin_images(a.n_eval, a.size, seed=1)
        suite = make_suite(xe, corruptions=cors, severities=sevs, seed=0, cache_dir=tmp / 'eval', mode=a.mode_eval, n_workers=a.workers, progress=False)
        for kind in a.models.split(','):
            model, _, source, miss = get_model(kind, a.standin, width=a.width)
            if miss: res['missing'].append(miss)
            if model is None: continue
            model = model.to(dev).eval()
            evaluate(model, (xe[:a.bs], ye[:a.bs]), None, bs=a.bs, device=dev)   # warm-up
            with Timer(dev) as t:
                df = evaluate(model, (xe, ye), suite, model_name=kind, bs=a.bs, device=dev)
            rows.append(dict(what=f'evaluate {kind}', images=a.n_eval * (n_cond + 1), seconds=t.s,
                             per_image_ms=1e3 * t.s / (a.n_eval * (n_cond + 1)), extrapolated_s=t.s * a.n_target / a.n_eval,
                             extrapolated_to=f'{a.n_target} x {n_cond + 1} conditions', target_s=60, rows=len(df), source=source))
    finally: shutil.rmtree(tmp, ignore_errors=True)
    res['results'] = rows
    finish(res, rows, ['what', 'images', 'seconds', 'per_image_ms', 'extrapolated_s', 'target_s', 'source'],
           f'Corruption suite, {len(cors)} corruptions x {len(sevs)} severities, {a.size}px'
           + (' [SMOKE: CPU, tiny, not a measurement]' if a.smoke else ''), a.out)
    return 0 if not res['missing'] else 2


if __name__ == '__main__': sys.exit(main())
