"""kg: a knowledge graph of what news reporting says about armed groups, every fact quoted."""

__version__ = "0.1.0"
