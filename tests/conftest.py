"Shared fixtures for the project checks run by `make test` (notebook tests themselves run through nbdev_test)."
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'docs'))
