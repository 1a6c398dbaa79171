"""The packaging tests import packaging/appinfo.py (the spec's lists): packaging_helpers puts
packaging/ on sys.path before any test module is collected."""

import packaging_helpers  # noqa: F401
