"""Pipeline stage 5, render: the published directory → Markdown pages for mkdocs, keyed by their
path inside the docs folder. Renderers return text; the build stage writes it. `site.render_site`
calls every renderer; this package module imports nothing, so that a renderer's helpers
(`templating`, `format`, `fonts`) can be used by the signage branch without a cycle."""
