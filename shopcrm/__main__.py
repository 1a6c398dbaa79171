import sys

from shopcrm.cli import main

sys.exit(main())
