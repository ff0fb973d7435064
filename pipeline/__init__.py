"""Magazine-issue PDFs to clean, structured, bilingual datasets."""

__version__ = "0.1.0"
SCHEMA_VERSION = "1"
