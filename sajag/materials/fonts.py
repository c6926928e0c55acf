# moved to sajag.core.fonts; remove once the Makefile's install target runs `python -m sajag.core.fonts`
import runpy

if __name__ == "__main__":
    runpy.run_module("sajag.core.fonts", run_name="__main__")
