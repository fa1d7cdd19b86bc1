"""Generator for the annotated bilingual edition of China's Government Work Report.

The package is a library first: every stage (normalize, structure, anchors,
render, ...) is a module with plain functions over the frozen document model
in :mod:`generator.model`. Only :mod:`generator.pipeline` imports them all; the
command line (``python -m generator``) and the MkDocs plugin are thin layers
over the pipeline.
"""

__version__ = "0.1.0"
