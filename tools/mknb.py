"Write a notebook from a compact text spec: cells separated by lines `%%% code` / `%%% md` / `%%% raw`."
import sys, json, re
from pathlib import Path

def cells_from_spec(text):
    cells, kind, buf = [], None, []
    def flush():
        if kind is None: return
        src = '\n'.join(buf).strip('\n')
        c = {'cell_type': kind, 'metadata': {}, 'source': src}
        if kind == 'code': c.update(execution_count=None, outputs=[])
        cells.append(c)
    for line in text.splitlines():
        m = re.match(r'^%%% (code|md|raw)\s*$', line)
        if m:
            flush(); kind, buf = {'md': 'markdown'}.get(m[1], m[1]), []
        else: buf.append(line)
    flush()
    return cells

def write_nb(cells, path):
    nb = {'cells': cells, 'metadata': {'kernelspec': {'display_name': 'python3', 'language': 'python', 'name': 'python3'}},
          'nbformat': 4, 'nbformat_minor': 5}
    Path(path).write_text(json.dumps(nb, indent=1) + '\n')

if __name__ == '__main__':
    spec, out = sys.argv[1], sys.argv[2]
    write_nb(cells_from_spec(Path(spec).read_text()), out)
