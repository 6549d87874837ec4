"""Turn rectification notices into a traceable data model and a static site.

Data flows one way (README.md, "Architecture"): inputs/ (content files,
checked) → notices/ (one notice's text → records) → model/ (the site model,
built once) → outputs/ and site/ (data, search index, feeds, pages).
build.py runs them top to bottom.
"""
