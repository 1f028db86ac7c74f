"""The flag rules of taxonomy v1, one module per group of flags.

`registry` gathers them; importing this package itself stays light, so that commands
that read no text (known ids, `licenses list`) do not compile the rules' patterns.
"""
