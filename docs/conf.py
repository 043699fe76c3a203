# Sphinx configuration for the offline docs site (copied next to the adapted notebooks by docs/build.py).
from configparser import ConfigParser
from pathlib import Path

_cfg = ConfigParser(delimiters=['='])
_cfg.read(Path(__file__).resolve().parent.parent.parent / 'settings.ini', encoding='utf-8')
_d = _cfg['DEFAULT'] if _cfg.has_section('DEFAULT') or _cfg.defaults() else {}

project = _d.get('lib_name', 'scribe_robust')
author = _d.get('author', '')
release = version = _d.get('version', '')
copyright = _d.get('copyright', '')

extensions = ['myst_nb', 'sphinx-mathjax-offline']  # MathJax served from the site itself: no CDN
nb_execution_mode = 'off'              # notebooks are executed by nbdev; their committed outputs are shown
nb_merge_streams = True
myst_enable_extensions = ['colon_fence', 'dollarmath']
myst_heading_anchors = 3
suppress_warnings = ['myst.header']    # show_doc outputs start at H3 inside a cell output
exclude_patterns = ['_build', '**.ipynb_checkpoints']
master_doc = root_doc = 'index'

html_theme = 'furo'
html_title = project
html_static_path = ['_static']
html_favicon = '_static/favicon.svg'
html_css_files = ['site.css']   # docs/_static/site.css: tables scroll in their own box
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
