"""Import wizard screen: file, columns, check, import with progress and cancel, result with undo."""
