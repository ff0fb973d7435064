"""PyMuPDF, imported without the add-ons we never call.

PyMuPDF 2 imports `pymupdf.layout` (which loads an ONNX layout model) and `pymupdf4llm` on its
own import: ~0.4 s and ~100 MB per process, more than our whole layout stage. PyMuPDF treats
both as optional (it catches the ImportError), so they are kept out of the first import only and
unblocked right after: a notebook that imports either explicitly later still gets it.
"""

import sys

_OPTIONAL = ("pymupdf.layout", "pymupdf4llm")

if "pymupdf" in sys.modules:
    import pymupdf
else:
    blocked = [name for name in _OPTIONAL if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # makes `import name` raise ImportError
    try:
        import pymupdf
    finally:
        for name in blocked:
            if sys.modules.get(name) is None:
                del sys.modules[name]

__all__ = ["pymupdf"]

# MuPDF prints its errors to stderr itself; we read them with `TOOLS.mupdf_warnings()` and report
# what they mean in one line or a warning, so they are kept off the console.
pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)
