"""Augmentation throughput: the batched device path (scribe_robust.fastdata.device_augment) against torchvision v2
applied image by image to PIL images (the per-sample path of prepare.get_dls), for each of the 7 policies.
    python bench/augment.py --out bench/results/augment.json     # GPU machine: device path on CUDA
    python bench/augment.py --smoke                              # CPU, one thread"""
import argparse, sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import Timer, env_info, finish, pick_device


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out', default='bench/results/augment.json')
    p.add_argument('--bs', type=int, default=512, help='batch for the device path')
    p.add_argument('--reps', type=int, default=20, help='timed batches for the device path')
    p.add_argument('--n-pil', type=int, default=1024, help='images for the per-image torchvision path (one process)')
    p.add_argument('--size', type=int, default=32)
    p.add_argument('--threads', type=int, default=None, help='torch CPU threads (default: torch default; 1 with --smoke)')
    p.add_argument('--device', default=None)
    p.add_argument('--smoke', action='store_true', help='CPU, one thread, small counts')
    a = p.parse_args(argv)
    import torch, torchvision.transforms.v2 as T
    from PIL import Image
    from scribe_robust.fastdata import DEVICE_POLICIES, device_augment
    if a.smoke: a.reps, a.n_pil, a.threads = 2, 256, a.threads or 1
    if a.threads: torch.set_num_threads(a.threads)
    dev = pick_device(a.device, a.smoke)
    g = torch.Generator().manual_seed(0)
    x = torch.randint(0, 256, (a.bs, 3, a.size, a.size), dtype=torch.uint8, generator=g)
    pils = [Image.fromarray(im.permute(1, 2, 0).numpy()) for im in x[:a.n_pil]] * max(1, a.n_pil // a.bs)
    pils = pils[:a.n_pil]
    pad = max(1, round(8 * a.size / 32))
    steps = dict(crop=[T.RandomCrop(a.size, padding=pad)], flip=[T.RandomHorizontalFlip()], rotate=[T.RandomRotation(15)],
                 perspective=[T.RandomPerspective(0.5, p=0.5)], jitter=[T.ColorJitter(0.3, 0.3, 0.3, 0.1)])
    xd, gd = x.to(dev), torch.Generator(device=dev).manual_seed(0)
    rows = []
    for pol, names in DEVICE_POLICIES.items():
        device_augment(xd, pol, gd)   # warm-up
        with Timer(dev) as t:
            for _ in range(a.reps): device_augment(xd, pol, gd)
        ours = a.reps * a.bs / t.s
        c = T.Compose(sum((steps[n] for n in names), []) + [T.ToImage(), T.ToDtype(torch.float32, scale=True)])
        t0 = time.perf_counter()
        for im in pils: c(im)
        theirs = len(pils) / (time.perf_counter() - t0)
        rows.append(dict(policy=pol, device_path_img_s=ours, pil_per_image_img_s=theirs, speedup=ours / theirs))
    res = dict(env=env_info(dev), args=vars(a), results=rows)
    finish(res, rows, ['policy', 'device_path_img_s', 'pil_per_image_img_s', 'speedup'],
           f'Augmentation throughput, {a.size}px, device path on {dev} (batch {a.bs}) vs torchvision per PIL image (1 process)'
           + (' [SMOKE: CPU, 1 thread]' if a.smoke else ''), a.out)
    return 0


if __name__ == '__main__': sys.exit(main())
