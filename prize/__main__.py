import sys

from prize.cli import main

sys.exit(main())
