"""The read-only web: pages, Atom and JSON feeds, a JSON API and a LiteLLM-format price map."""
