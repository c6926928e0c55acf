# moved to sajag.core.printer; remove once materials/views.py imports it from there
from sajag.core.printer import Printer, PrinterUnavailable, chromium_path, printer  # noqa: F401
