import sys

from tic_desktop.cli.main import main

sys.exit(main())
