"""`python -m regiewijzer.service.cli`: the `regiewijzer` command."""
import sys

from . import main

sys.exit(main())
