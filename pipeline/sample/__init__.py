"""Sample magazine PDFs typeset from an issue answer key (see typeset.py)."""
