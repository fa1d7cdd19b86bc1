"""Translators' tools: the English as XLIFF 1.2 and TMX 1.4 for their own
translation tools, and next year's report pre-translated from this year's."""
