"""Magazine-issue PDFs to clean, structured, bilingual datasets."""

__version__ = "0.2.0"
SCHEMA_VERSION = "2"  # docs/DATA.md; the output folder of another version is refused
