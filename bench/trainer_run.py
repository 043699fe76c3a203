"""One real `trainer.train_run` on the device with the library defaults (fast data path, bf16, channels_last, the paper
recipe): checks the GPU path end to end on the embedded synthetic set and records its epoch times.
    python bench/trainer_run.py --out bench/results/trainer_run.json
"""
import argparse, sys, tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import env_info, finish, pick_device


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out', default='bench/results/trainer_run.json')
    p.add_argument('--models', default='scribe,baseline')
    p.add_argument('--aug', default='combined')
    p.add_argument('--epochs', type=int, default=3)
    p.add_argument('--device', default=None)
    p.add_argument('--compile', default=None, help="train_run's compile mode, e.g. 'reduce-overhead'")
    p.add_argument('--smoke', action='store_true')
    a = p.parse_args(argv)
    from scribe_robust.trainer import RunConfig, train_run
    dev = pick_device(a.device, a.smoke)
    res, rows = dict(env=env_info(dev), args=vars(a), results=[]), []
    data, out = tempfile.mkdtemp(), tempfile.mkdtemp()
    for m in a.models.split(','):
        cfg = RunConfig(model=m, aug=a.aug, data='synthetic', epochs=a.epochs, bs=128, recipe='paper',
                        width=0.25 if a.smoke else 1.0, size=16 if a.smoke else 32)
        r = train_run(cfg, out, data_root=data, device=str(dev), progress=False, compile=a.compile)
        from scribe_robust.trainer import load_run
        model, _ = load_run(Path(out) / cfg.run_id)   # the saved weights load strictly into a fresh model
        hist = __import__('pandas').read_csv(Path(out) / cfg.run_id / 'history.csv')
        rows.append(dict(model=m, compile=a.compile, loaded=type(model).__name__, n_train=r['n_train'], fast_data=r['fast_data'], amp=r['amp'], channels_last=r['channels_last'],
                         epoch_s=hist['time_s'].tolist(), accuracy=r.get('accuracy'), status=r['status']))
    res['results'] = rows
    finish(res, rows, ['model', 'compile', 'loaded', 'n_train', 'fast_data', 'amp', 'channels_last', 'epoch_s', 'accuracy', 'status'],
           'trainer.train_run with the library defaults' + (' [SMOKE]' if a.smoke else ''), a.out)
    return 0


if __name__ == '__main__': sys.exit(main())
