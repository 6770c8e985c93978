"""bantin: a static news-site generator for Vietnamese press offices."""

__version__ = "0.1.0"
