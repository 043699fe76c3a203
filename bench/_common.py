"Shared helpers for the bench/ scripts: environment record, timing with device sync, atomic JSON, a printed table."
import datetime, importlib, json, os, platform, subprocess, sys, tempfile, time, warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
warnings.filterwarnings('ignore', message='.*torch.jit.script.*')   # fastai's import-time deprecation notice
# Run from a checkout without installing the package: the checkout comes first unless PYTHONPATH says otherwise.
if not os.environ.get('PYTHONPATH') and str(ROOT) not in sys.path: sys.path.insert(0, str(ROOT))


def env_info(device):
    "GPU model, software versions, date and git commit: stored with every result."
    import torch
    info = dict(date=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds'),
                host=platform.node(), python=platform.python_version(), torch=torch.__version__,
                cuda=torch.version.cuda, cudnn=torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else None,
                device=str(device), cpu_threads=torch.get_num_threads())
    for mod in ('torchvision', 'fastai', 'numpy'):
        try: info[mod] = importlib.import_module(mod).__version__
        except ImportError: info[mod] = None
    info['gpu'] = torch.cuda.get_device_name(torch.device(device)) if str(device).startswith('cuda') else None
    try: info['git_commit'] = subprocess.run(['git', 'rev-parse', 'HEAD'], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError): info['git_commit'] = None
    return info


def pick_device(arg, smoke):
    import torch
    if smoke and arg is None: return torch.device('cpu')
    if arg is None: return torch.device('cuda' if torch.cuda.is_available() else 'cpu')
    return torch.device(arg)


def sync(device):
    import torch
    if torch.device(device).type == 'cuda': torch.cuda.synchronize(device)


class Timer:
    "Wall time of a block, with the device synchronised on entry and exit."
    def __init__(self, device): self.device = device
    def __enter__(self): sync(self.device); self.t0 = time.perf_counter(); return self
    def __exit__(self, *exc): sync(self.device); self.s = time.perf_counter() - self.t0


def lazy(module, name, what):
    "Import `module.name` or return (None, message) saying which part of scribe_robust is missing."
    try: return getattr(importlib.import_module(module), name), None
    except (ImportError, AttributeError) as e:
        return None, (f"{module}.{name} is not available ({type(e).__name__}: {e}); {what} needs it: "
                      f"merge the branch that builds `{module}` (git merge main) and rerun")


def write_json(res, path):
    "Atomic write (temp file + rename) of the results."
    path = Path(path); path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix='.tmp')
    with os.fdopen(fd, 'w') as f: json.dump(res, f, indent=1, default=str)
    os.replace(tmp, path)


def print_table(rows, cols, title):
    "Print `rows` (list of dicts) as a fixed-width table."
    fmt = lambda v: f'{v:.4g}' if isinstance(v, float) else ('-' if v is None else str(v))
    cells = [[fmt(r.get(c)) for c in cols] for r in rows]
    w = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    print(f'\n{title}'); print('  '.join(c.ljust(w[i]) for i, c in enumerate(cols)))
    print('  '.join('-' * x for x in w))
    for r in cells: print('  '.join(v.ljust(w[i]) for i, v in enumerate(r)))


def finish(res, rows, cols, title, out):
    write_json(res, out)
    print_table(rows, cols, title)
    e = res['env']
    print(f"\n{e['date']}  device={e['device']} gpu={e['gpu']}  torch {e['torch']} (CUDA {e['cuda']})  -> {out}")
    for m in res.get('missing', []): print('MISSING:', m)
