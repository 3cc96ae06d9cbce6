"""pantau: audits the publication of standar pelayanan on Indonesian regional-government websites.

This package holds the CLI and storage; the pipeline stages live in `crawler`, `extractors` and `scoring`.
"""

__version__ = "0.1.0"
