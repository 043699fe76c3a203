"""Exact and batched-gradient BackSelect seconds per image on a CIFAR ResNet-18 (scribe_robust.overinterpretation).
    python bench/backselect.py --out bench/results/backselect.json   # GPU machine: 32x32, a few images
    python bench/backselect.py --smoke --standin                     # tiny CPU check (8x8 images)
Targets (DESIGN.md): exact <= 1.5 s/image, gradient <= 0.02 s/image. The model has random weights: the cost of
exact BackSelect does not depend on the weights (d(d+1)/2 forwards per image, d = H*W)."""
import argparse, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import Timer, env_info, finish, lazy, pick_device


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out', default='bench/results/backselect.json')
    p.add_argument('--size', type=int, default=32, help='image side (d = size^2 pixels)')
    p.add_argument('--n-exact', type=int, default=8, help='images for exact BackSelect (the batch is processed together)')
    p.add_argument('--n-grad', type=int, default=64, help='images for gradient BackSelect')
    p.add_argument('--k', type=int, default=1, help='pixels masked per gradient iteration')
    p.add_argument('--no-eval-path', action='store_true', help='gradient: score confidence only after each iteration')
    p.add_argument('--bs', type=int, default=2048, help='exact: candidate images per forward pass')
    p.add_argument('--n-inflight', type=int, default=8, help='exact: images processed together')
    p.add_argument('--precision', default='fp32', choices=['fp32', 'bf16'], help='exact: forward precision')
    p.add_argument('--width', type=float, default=1.0, help='channel multiplier of the library model (the paper: 1.0)')
    p.add_argument('--grad-precision', default='fp32', choices=['fp32', 'bf16'], help='gradient: forward/backward precision')
    p.add_argument('--channels-last', action='store_true', help='model weights in channels_last (NHWC convolutions)')
    p.add_argument('--device', default=None)
    p.add_argument('--standin', action='store_true', help='torchvision CIFAR ResNet-18 stand-in if scribe_robust.baselines is missing')
    p.add_argument('--smoke', action='store_true', help='8x8 images, 1 exact + 2 gradient images, CPU')
    a = p.parse_args(argv)
    if a.smoke: a.size, a.n_exact, a.n_grad, a.bs, a.n_inflight, a.width = 8, 1, 2, 512, 1, 0.25
    import torch
    from models import get_model
    dev = pick_device(a.device, a.smoke)
    res = dict(env=env_info(dev), args=vars(a), results=[], missing=[])
    bsel, m1 = lazy('scribe_robust.overinterpretation', 'backselect', 'bench/backselect.py')
    bgrad, m2 = lazy('scribe_robust.overinterpretation', 'backselect_grad', 'bench/backselect.py')
    model, _, source, m3 = get_model('baseline', a.standin, width=a.width)
    res['missing'] = [m for m in (m1, m2, m3) if m]
    rows = []
    if bsel is None or model is None:
        finish(res, rows, ['method'], 'BackSelect: nothing measured', a.out); return 2
    torch.manual_seed(0)
    model = model.to(dev).eval()
    if a.channels_last: model = model.to(memory_format=torch.channels_last)
    x = torch.randn(max(a.n_exact, a.n_grad), 3, a.size, a.size, generator=torch.Generator().manual_seed(0)).to(dev)
    d = a.size * a.size
    bsel(model, x[:1, :, :4, :4] if a.size >= 4 else x[:1], bs=a.bs, device=dev)   # warm-up (kernels, allocator)
    with Timer(dev) as t:
        r = bsel(model, x[:a.n_exact], bs=a.bs, n_inflight=a.n_inflight, precision=a.precision, device=dev)
    rows.append(dict(method='exact', precision=a.precision, channels_last=a.channels_last, bs=a.bs, n_inflight=a.n_inflight, n_images=a.n_exact, pixels=d, seconds=t.s,
                     s_per_image=t.s / a.n_exact, target_s_per_image=1.5, forwards_per_image=d * (d + 1) // 2,
                     source=source, finite_path=bool(torch.isfinite(r.confidence).all())))
    # the floor: the same number of bare forward passes at the same batch and precision, no BackSelect bookkeeping
    xb = torch.randn(a.bs, 3, a.size, a.size, device=dev)
    if a.channels_last: xb = xb.contiguous(memory_format=torch.channels_last)
    with torch.no_grad(), torch.autocast(dev.type, dtype=torch.bfloat16, enabled=a.precision == 'bf16'):
        for _ in range(3): model(xb)
        reps = 2 if a.smoke else 20
        with Timer(dev) as t:
            for _ in range(reps): model(xb)
    rate = reps * a.bs / t.s
    rows.append(dict(method='bare forward (floor)', precision=a.precision, channels_last=a.channels_last, bs=a.bs, n_images=reps * a.bs,
                     pixels=d, seconds=t.s, images_per_s=rate, s_per_image=d * (d + 1) / 2 / rate, target_s_per_image=1.5,
                     source=source))
    bgrad(model, x[:2], k=a.k, device=dev)
    with Timer(dev) as t:
        r = bgrad(model, x[:a.n_grad], k=a.k, eval_path=not a.no_eval_path, bs=a.n_grad, precision=a.grad_precision, device=dev)
    rows.append(dict(method=f'gradient k={a.k}', precision=a.grad_precision, channels_last=a.channels_last, eval_path=not a.no_eval_path, n_images=a.n_grad, pixels=d, seconds=t.s,
                     s_per_image=t.s / a.n_grad, target_s_per_image=0.02, source=source))
    res['results'] = rows
    finish(res, rows, ['method', 'precision', 'n_images', 'pixels', 'seconds', 's_per_image', 'target_s_per_image', 'source'],
           f'BackSelect, {a.size}x{a.size}' + (' [SMOKE: CPU, tiny, not a measurement]' if a.smoke else ''), a.out)
    return 0


if __name__ == '__main__': sys.exit(main())
