"""Turn rectification notices into a traceable data model and a static site.

Stages, one module each: source (load and repair text) → structure (classify
lines) → parser (numbered items and their fields) → model (validated records)
→ validate (nothing lost) → export / render (data files and pages).
"""
