"""Generator for the annotated bilingual edition of China's Government Work Report.

The package is a library first, a subpackage per stage in the order a build
runs them: ``sources`` (the files people edit, read and checked) → ``text``
(glossary matching, script conversion, English units, citation labels) →
``comparison`` (one report against another) → ``project`` (the project
loaded, and the caches) → ``writers`` (site pages, open data, Markdown,
books) and ``search`` → ``build`` (a site for MkDocs). Each stage is plain
functions over the frozen document model in :mod:`generator.model` and
imports only the stages before it. The command line (``python -m
generator``) and the MkDocs plugin are thin layers over them.
"""

__version__ = "0.1.0"
