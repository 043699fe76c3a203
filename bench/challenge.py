"""Adversarial-backgrounds challenge throughput (composites/s) with ResNet-50 at 224px on a 4,050-background stand-in,
through scribe_robust.backgrounds.challenge_eval, plus the bare ResNet-50 forward rate (the ceiling).
    python bench/challenge.py --out bench/results/challenge.json    # GPU machine (~2-4 min)
    python bench/challenge.py --smoke                               # tiny CPU check
The stand-in is written once under --data: 4,050 only_bg_t backgrounds (450 per IN-9 class) and --fg-per-class
foregrounds per class with masks. `full=True` evaluates every pair, i.e. the worst case (no foreground fooled early),
so composites/s x 16.4 M gives the worst-case time. Target: >= 12,000 composites/s, bf16 verdicts equal to fp32."""
import argparse, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import Timer, env_info, finish, lazy, pick_device

CLASSES = ('00_dog', '01_bird', '02_wheeled vehicle', '03_reptile', '04_carnivore', '05_insect',
           '06_musical instrument', '07_primate', '08_fish')   # IN-9 release folder names (two contain spaces)
WORST = 4050 * 4050


def write_standin(root, n_bg, n_fg, size, seed=0):
    "Smooth random JPEG images in the IN-9 release layout (original, only_bg_t, fg_mask); reused when complete."
    import numpy as np, torch, torch.nn.functional as F
    from PIL import Image
    root = Path(root) / 'bg_challenge'
    stamp = root / f'.standin_{n_bg}_{n_fg}_{size}_{seed}'
    if stamp.exists(): return root
    g = torch.Generator().manual_seed(seed)
    def imgs(n):
        lo = torch.rand(n, 3, 8, 8, generator=g)
        return (F.interpolate(lo, size=(size, size), mode='bilinear') * 255).round().byte().permute(0, 2, 3, 1).numpy()
    for ci, c in enumerate(CLASSES):
        for variant, n in (('only_bg_t', n_bg), ('original', n_fg)):
            d = root / variant / 'val' / c; d.mkdir(parents=True, exist_ok=True)
            for i, im in enumerate(imgs(n)): Image.fromarray(im).save(d / f'{c[:2]}_{i:04d}.JPEG', quality=90)
        md = root / 'fg_mask' / 'val' / c; md.mkdir(parents=True, exist_ok=True)
        yy, xx = np.mgrid[:size, :size]
        for i in range(n_fg):   # an ellipse of random centre and radii per foreground
            cy, cx, ry, rx = (torch.rand(4, generator=g) * torch.tensor([.4, .4, .3, .3]) + torch.tensor([.3, .3, .15, .15])) * size
            np.save(md / f'{c[:2]}_{i:04d}.npy', (((yy - float(cy)) / float(ry)) ** 2 + ((xx - float(cx)) / float(rx)) ** 2 <= 1))
    stamp.touch()
    return root


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out', default='bench/results/challenge.json')
    p.add_argument('--data', default='data/bench/challenge', help='where the stand-in folder is written (data/ is gitignored)')
    p.add_argument('--bg-per-class', type=int, default=450, help='backgrounds per class (450 x 9 = 4,050 as the release)')
    p.add_argument('--fg-per-class', type=int, default=8, help='foregrounds per class to time (all pairs with every background)')
    p.add_argument('--size', type=int, default=224)
    p.add_argument('--arch', default='resnet50', help='torchvision architecture, random init (nothing downloaded)')
    p.add_argument('--bs', type=int, default=256)
    p.add_argument('--no-amp', action='store_true', help='fp32 only (default: bf16 autocast on CUDA, verdicts checked against fp32)')
    p.add_argument('--fp32-too', action='store_true', help='also time the fp32 run and compare its verdicts with bf16')
    p.add_argument('--device', default=None)
    p.add_argument('--smoke', action='store_true', help='2 backgrounds + 1 foreground per class at 32px on CPU')
    a = p.parse_args(argv)
    if a.smoke: a.bg_per_class, a.fg_per_class, a.size, a.bs, a.data = 2, 1, 32, 64, str(Path(a.data).with_name('challenge_smoke'))
    import torch, torchvision
    dev = pick_device(a.device, a.smoke)
    amp = dev.type == 'cuda' and not a.no_amp
    res = dict(env=env_info(dev), args=vars(a), results=[], missing=[])
    rows = []
    torch.manual_seed(0)
    model = torchvision.models.get_model(a.arch, weights=None).to(dev).eval()
    cl = dev.type == 'cuda'
    if cl: model = model.to(memory_format=torch.channels_last)
    # 1. the ceiling: bare forward passes on a fixed batch
    xb = torch.rand(a.bs, 3, a.size, a.size, device=dev)
    if cl: xb = xb.contiguous(memory_format=torch.channels_last)
    n_rep = 2 if a.smoke else 20
    with torch.inference_mode(), torch.autocast(dev.type, torch.bfloat16, enabled=amp):
        model(xb)
        with Timer(dev) as t:
            for _ in range(n_rep): model(xb)
    rows.append(dict(what=f'bare {a.arch} forward', precision='bf16' if amp else 'fp32', images=a.bs * n_rep, seconds=t.s,
                     per_s=a.bs * n_rep / t.s, worst_case_min=WORST / (a.bs * n_rep / t.s) / 60))
    # 2. challenge_eval on the stand-in folder, every pair (worst case)
    ce, miss = lazy('scribe_robust.backgrounds', 'challenge_eval', 'bench/challenge.py')
    if miss: res['missing'].append(miss)
    else:
        root = write_standin(a.data, a.bg_per_class, a.fg_per_class, a.size)
        runs = [amp] + ([False] if a.fp32_too and amp else [])
        verdicts = {}
        for use_amp in runs:
            with Timer(dev) as t:
                r = ce(model, root, bs=a.bs, full=True, amp=use_amp, device=dev)
            verdicts[use_amp] = r.pairs
            rows.append(dict(what='challenge_eval full', precision='bf16' if use_amp else 'fp32', images=int(r.n_composites),
                             seconds=t.s, per_s=r.n_composites / t.s, inner_per_s=r.n_composites / r.seconds,
                             worst_case_min=WORST / (r.n_composites / t.s) / 60, amp_check=r.amp_check))
        if len(verdicts) == 2: res['bf16_pairs_equal_fp32'] = bool((verdicts[True] == verdicts[False]).all())
    res['results'] = rows
    res['target'] = dict(composites_per_s=12_000, worst_case_min=25)
    finish(res, rows, ['what', 'precision', 'images', 'seconds', 'per_s', 'worst_case_min'],
           f'Challenge, {a.arch} at {a.size}px, {9 * a.bg_per_class} backgrounds x {9 * a.fg_per_class} foregrounds'
           + (' [SMOKE: CPU, tiny, not a measurement]' if a.smoke else ''), a.out)
    return 0 if not res['missing'] else 2


if __name__ == '__main__': sys.exit(main())
