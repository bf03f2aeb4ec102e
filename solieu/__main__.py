import sys

from solieu.cli import main

sys.exit(main())
