#!/usr/bin/env python
"""Django's command-line entry point.

The project shell lives in ``site/``, a plain folder (no ``__init__.py``): Python's standard
library already owns a module called ``site`` (imported at interpreter start), so the folder can
never be a package. Instead every entry point puts ``site/`` on ``sys.path`` and imports the
``config`` package inside it. Apps (``people``, ``cms`` …) sit at the repository root.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main() -> None:
    sys.path.insert(0, str(ROOT / "site"))
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
