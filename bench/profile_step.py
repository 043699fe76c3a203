"""Where an epoch's time goes: the same training step (bs 128, 32px, bf16 autocast, channels_last, fused torch SGD)
timed piece by piece on pre-made device batches, and once under torch.profiler.
    python bench/profile_step.py --out bench/results/profile_step.json      # GPU machine
    python bench/profile_step.py --smoke --standin                           # tiny CPU check
Rows (ms per batch of 128, 390 batches = one 50k epoch):
  augment      `device_augment` of policy `combined` on a chunk, per batch
  fwd_bwd_opt  eager forward + loss + backward + fused SGD step on a fixed batch (no data loader, no fastai)
  graphed      the same step captured once in a CUDA graph (`torch.cuda.graphs`): what launch overhead costs
  fastai_fit   fastai `Learner.fit` with the fast data path (what `epoch.py` measures), per batch
The profiler table (top kernels by device time and top ops by host time) is stored in the JSON.
"""
import argparse, sys, time
from functools import partial
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import env_info, finish, pick_device, sync, Timer


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out', default='bench/results/profile_step.json')
    p.add_argument('--models', default='baseline,scribe')
    p.add_argument('--bs', type=int, default=128)
    p.add_argument('--size', type=int, default=32)
    p.add_argument('--steps', type=int, default=100, help='timed steps per row')
    p.add_argument('--device', default=None)
    p.add_argument('--standin', action='store_true')
    p.add_argument('--smoke', action='store_true')
    a = p.parse_args(argv)
    if a.smoke: a.steps, a.size, a.bs = 3, 16, 8
    import torch
    from fastai.learner import Learner
    from fastai.optimizer import OptimWrapper
    import fastai.callback.progress   # noqa: F401
    from scribe_robust.fastdata import fast_dls, perf_setup, device_augment
    from models import get_model, _ovr_bce
    dev = pick_device(a.device, a.smoke)
    cuda = dev.type == 'cuda'
    res = dict(env=env_info(dev), args=vars(a), results=[], profiles={}, missing=[])
    g = torch.Generator().manual_seed(0)
    n = a.bs * (a.steps + 10)
    x = torch.randint(0, 256, (n, 3, a.size, a.size), dtype=torch.uint8, generator=g).to(dev)
    y = torch.randint(0, 10, (n,), generator=g).to(dev)
    rows = []
    chunk = x[:min(n, max(a.bs, (1 << 24) // x[0].numel()))]
    device_augment(chunk, 'combined')
    with Timer(dev) as t: device_augment(chunk, 'combined')
    rows.append(dict(model='-', what='augment (combined, chunked)', ms_per_batch=1e3 * t.s * a.bs / len(chunk)))
    with Timer(dev) as t:
        for i in range(a.steps): device_augment(x[i * a.bs:(i + 1) * a.bs], 'combined')
    rows.append(dict(model='-', what='augment (combined, per batch)', ms_per_batch=1e3 * t.s / a.steps))
    for kind in a.models.split(','):
        model, loss_fn, source, miss = get_model(kind, a.standin)
        if miss: res['missing'].append(miss)
        if model is None: continue
        model, _ = perf_setup(model, dev, channels_last=cuda, bf16=False)
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4, **({'fused': True} if cuda else {}))
        xb = ((x[:a.bs].float() / 255 - 0.5) / 0.25).contiguous(memory_format=torch.channels_last if cuda else torch.contiguous_format)
        yb = y[:a.bs]
        def step(loss_fn=loss_fn):
            with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=cuda):
                loss = loss_fn(model(xb).float(), yb)
            loss.backward(); opt.step(); opt.zero_grad(set_to_none=not cuda)
            return loss
        for _ in range(5): step()
        with Timer(dev) as t:
            for _ in range(a.steps): step()
        rows.append(dict(model=kind, what='fwd_bwd_opt eager', ms_per_batch=1e3 * t.s / a.steps, source=source))
        if kind != 'baseline':
            for _ in range(3): step(_ovr_bce)
            with Timer(dev) as t:
                for _ in range(a.steps): step(_ovr_bce)
            rows.append(dict(model=kind, what='fwd_bwd_opt eager, loss without target check', ms_per_batch=1e3 * t.s / a.steps, source=source))
        if cuda:
            s = torch.cuda.Stream(); s.wait_stream(torch.cuda.current_stream())
            # a loss that checks its targets on the host (scribe_loss does) cannot be captured: the same formula without the check
            gloss = loss_fn if kind == 'baseline' else _ovr_bce
            with torch.cuda.stream(s):
                for _ in range(3): step(gloss)
            torch.cuda.current_stream().wait_stream(s)
            graph = torch.cuda.CUDAGraph()
            with torch.cuda.graph(graph): step(gloss)
            with Timer(dev) as t:
                for _ in range(a.steps): graph.replay()
            rows.append(dict(model=kind, what='fwd_bwd_opt CUDA graph', ms_per_batch=1e3 * t.s / a.steps, source=source))
        from torch.profiler import profile, ProfilerActivity
        acts = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if cuda else [])
        with profile(activities=acts) as prof:
            for _ in range(10): step()
            sync(dev)
        key = 'self_cuda_time_total' if cuda else 'self_cpu_time_total'
        res['profiles'][kind] = dict(device=prof.key_averages().table(sort_by=key, row_limit=15),
                                     host=prof.key_averages().table(sort_by='self_cpu_time_total', row_limit=15))
        # the fastai loop over the fast data path, as epoch.py runs it
        model2, _, _, _ = get_model(kind, a.standin)
        model2, cbs = perf_setup(model2, dev, channels_last=cuda, bf16=cuda)
        dls = fast_dls(x.cpu(), y.cpu(), valid=(x[:a.bs].cpu(), y[:a.bs].cpu()), aug='combined', bs=a.bs, device=dev, channels_last=cuda)
        opt_func = partial(OptimWrapper, opt=partial(torch.optim.SGD, momentum=0.9, **({'fused': True} if cuda else {})))
        learn = Learner(dls, model2, loss_func=loss_fn, opt_func=opt_func, lr=0.01, wd=5e-4, cbs=cbs)
        with learn.no_bar(), learn.no_logging():
            learn.fit(1, 0.01)
            with Timer(dev) as t: learn.fit(1, 0.01)
        rows.append(dict(model=kind, what='fastai fit (fast data path, incl. 1 valid batch)', ms_per_batch=1e3 * t.s / len(dls.train), source=source))
    for r in rows: r['epoch_s_50k'] = r['ms_per_batch'] * 390 / 1e3
    res['results'] = rows
    finish(res, rows, ['model', 'what', 'ms_per_batch', 'epoch_s_50k'], f'Step profile, bs {a.bs}, {a.size}px' + (' [SMOKE]' if a.smoke else ''), a.out)
    for k, v in res['profiles'].items(): print(f'--- {k}: top device kernels\n{v["device"]}\n--- {k}: top host ops\n{v["host"]}')
    return 0


if __name__ == '__main__': sys.exit(main())
