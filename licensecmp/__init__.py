"""licensecmp: read licenses clause by clause and say what they grant, require and forbid."""

__version__ = "0.1.0"
