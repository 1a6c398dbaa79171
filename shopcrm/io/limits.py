"""How big a file the importer accepts: each limit keeps memory and time bounded on a counter PC."""

from __future__ import annotations

MIB = 1024 * 1024

# The file on disk.
MAX_FILE_BYTES = 200 * MIB
# Everything inside an .xlsx/.ods once inflated, and the ratio one archive member may inflate by
# (ordinary sheets inflate 5-20x; a zip bomb 1000x and more).
MAX_INFLATED_BYTES = 1024 * MIB
MAX_MEMBER_RATIO = 250
RATIO_CHECK_FROM = 4 * MIB
MAX_ARCHIVE_MEMBERS = 5_000
# Rows of data one import takes (all sheets together), and the cells a sheet's table may span:
# the reader builds the whole rectangle from the first to the last used cell.
MAX_ROWS = 1_000_000
MAX_SHEET_CELLS = 27_000_000
MAX_COLUMNS = 200
# A CSV field longer than this is not a cell a person typed.
MAX_CSV_FIELD = 64 * 1024
