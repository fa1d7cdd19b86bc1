"""The site of a project: every page and file, and the search records, made in memory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.links import Links
from generator.writers.page import Site

if TYPE_CHECKING:
    from generator.project.project import Project


def build_site(project: Project, links: Links, records_ready=None) -> Site:
    """Everything the site needs, in memory; raises GeneratorError on errors.

    ``links`` says how pages address each other: the engine supplies it.
    ``records_ready(records)``, if given, receives the search records before
    the pages are made, so the engine can index them meanwhile (at 30
    reports the pages take 10 s, the index 4 s)."""
    # Imported here: the plugin imports this module, and a build that reads
    # its site from the cache never needs the project (nor pydantic).
    from generator.search.records import records as search_records

    loaded = project.checked()
    records = [record.as_json() for record in search_records(loaded, links, project.memo)]
    if records_ready is not None:
        records_ready(records)
    # Imported here so `parse` and `check` never load the templates (Jinja2).
    from generator.writers.site import pages

    site = pages.render_site(loaded, links, project.memo)
    site.diagnostics = loaded.diagnostics
    site.records = records
    return site
