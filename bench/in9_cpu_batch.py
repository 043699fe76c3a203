"""CPU batch size for `scribe_in9_eval` / `scribe_challenge_eval`: wall time, CPU time (user+sys) and minor page faults
of `eval_in9` and `challenge_eval(full=True)` with a ResNet-50 (random init, nothing downloaded) per batch size and
image size, all in one process (imports once), in a fixed order.
    python bench/in9_cpu_batch.py --out bench/results/in9_cpu_batch.json      # CPU, ~20 min under load
    python bench/in9_cpu_batch.py --smoke                                     # seconds
The data are the JPEG stand-in of bench/challenge.py (only_bg_t backgrounds, one foreground per class with a mask):
`eval_in9` reads the only_bg_t images; the challenge pastes one foreground on every background (all pairs).
The result picks `backgrounds.cpu_eval_bs`: the rule the commands use when --bs is not given."""
import argparse, json, os, resource, sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import env_info, finish


def one(a, task, size, bs, n, model):
    "Time one (task, size, bs) setting; return a row."
    import torch
    from challenge import write_standin
    from scribe_robust.backgrounds import eval_in9, challenge_eval
    root = write_standin(Path(a.data) / f'{size}px_{n}', n, 1, size)
    with torch.inference_mode(): model(torch.zeros(1, 3, size, size))   # first-call overheads out of the timing
    r0, w0, c0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter(), time.process_time()
    if task == 'eval':
        df = eval_in9(model, root, ('only_bg_t',), bs=bs, device='cpu'); k = int(df.n.iloc[0])
    else:
        res = challenge_eval(model, root, bs=bs, full=True, fg_index=[0], device='cpu'); k = res.n_composites
    w, c, r1 = time.perf_counter() - w0, time.process_time() - c0, resource.getrusage(resource.RUSAGE_SELF)
    return dict(task=task, size=size, bs=bs, threads=a.threads, images=k, wall_s=round(w, 2), cpu_s=round(c, 2),
                img_per_cpu_s=round(k / c, 2), minflt_M=round((r1.ru_minflt - r0.ru_minflt) / 1e6, 3),
                maxrss_MB=round(r1.ru_maxrss / 1024), load_avg_1min=round(os.getloadavg()[0], 1))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out', default='bench/results/in9_cpu_batch.json')
    p.add_argument('--data', default='data/bench/in9_cpu', help='where the stand-in folders are written (data/ is gitignored)')
    p.add_argument('--sizes', type=int, nargs='+', default=[32, 224])
    p.add_argument('--bs', type=int, nargs='+', default=[16, 32, 64, 256])
    p.add_argument('--tasks', nargs='+', default=['eval', 'challenge'])
    p.add_argument('--n-per-class', type=int, nargs='+', default=[112, 29], help='backgrounds per class, one value per size')
    p.add_argument('--threads', type=int, default=1, help='torch threads (the 2-core shared machine: 1)')
    p.add_argument('--arch', default='resnet50')
    p.add_argument('--smoke', action='store_true', help='16px, 2 backgrounds per class, bs 8 and 16, resnet18')
    a = p.parse_args(argv)
    if a.smoke:
        a.sizes, a.bs, a.n_per_class, a.arch = [16], [8, 16], [2], 'resnet18'
        a.out, a.data = 'bench/results/smoke/in9_cpu_batch.json', str(Path(a.data).with_name('in9_cpu_smoke'))
    if len(a.n_per_class) != len(a.sizes): p.error('--n-per-class needs one value per --sizes value')
    import torch, torchvision
    from scribe_robust.backgrounds import NormalizedModel
    torch.set_num_threads(a.threads); torch.manual_seed(0)
    model = NormalizedModel(getattr(torchvision.models, a.arch)(num_classes=1000)).eval()   # random init: nothing downloaded
    res = dict(env=env_info('cpu'), args=vars(a), load_avg_start=os.getloadavg(), results=[],
               note='measured on a shared CPU under load: compare cpu_s (user+sys of the process) more than wall_s')
    res['env']['cpu_threads'] = a.threads
    for size, n in zip(a.sizes, a.n_per_class):
        for task in a.tasks:
            for bs in a.bs:
                row = one(a, task, size, bs, n, model); res['results'].append(row); print(row, flush=True)
    res['load_avg_end'] = os.getloadavg()
    best = {}
    for r in res['results']:
        k = (r['task'], r['size'])
        if k not in best or r['cpu_s'] < best[k]['cpu_s']: best[k] = r
    res['best_bs_by_cpu_time'] = {f'{t} {s}px': r['bs'] for (t, s), r in best.items()}
    finish(res, res['results'], ['task', 'size', 'bs', 'images', 'wall_s', 'cpu_s', 'img_per_cpu_s', 'minflt_M', 'maxrss_MB', 'load_avg_1min'],
           f'eval_in9 / challenge_eval on CPU ({a.arch}, {a.threads} thread(s)): time per batch size', a.out)


if __name__ == '__main__':
    main()
