"""The board report: context from a run's stored record, SVG charts, the
WeasyPrint renderer with its static-only URL fetcher, and the services that
store the PDF with the run."""
