"""`python -m disclosure_analysis.cli …` is the `disclosure-analysis` command."""

import sys

from disclosure_analysis.cli import main

sys.exit(main())
