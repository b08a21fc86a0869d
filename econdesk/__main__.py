"""`python -m econdesk` runs the same command line as the `econdesk` script."""

import sys

from econdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
