"""YAML as data, bounded: the one check every YAML file (codebook, actor list) passes before it
is parsed.

Files are read with PyYAML's safe loader (nothing executable), and before that their tokens
are scanned once, in time linear in the file, to refuse what a data file never needs and an
attacker uses: anchors and aliases (``&a`` / ``*a``: a few hundred bytes of aliases expand to
gigabytes, the "billion laughs"), nesting deeper than :data:`MAX_DEPTH` (which would exhaust the
parser's recursion) and files over :data:`MAX_BYTES`.
"""

from __future__ import annotations

__all__ = ["MAX_BYTES", "MAX_DEPTH", "check"]

#: Deepest nesting of mappings and lists a data file may have.
MAX_DEPTH = 32
#: Largest YAML file read (characters).
MAX_BYTES = 20_000_000


def check(text: str, where: str, error: type[Exception], what: str = "this file") -> None:
    """Raise ``error`` naming ``where`` and the line if ``text`` uses anchors or aliases, nests
    deeper than :data:`MAX_DEPTH` or is larger than :data:`MAX_BYTES`; malformed YAML is left
    to the parser, which names its line.

    Examples
    --------
    >>> check("frames:\\n  a: {terms: [x]}\\n", "f.yml", ValueError)
    >>> check("a: &x [1]\\nb: *x\\n", "f.yml", ValueError)
    Traceback (most recent call last):
    ...
    ValueError: f.yml, line 1: YAML anchors and aliases (&name, *name) are not allowed in this file; write the values out
    """
    import yaml

    if len(text) > MAX_BYTES:
        raise error(f"{where}: {len(text):,} characters; a YAML data file may hold at most {MAX_BYTES:,}")
    opening = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
               yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
    closing = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                raise error(
                    f"{where}, line {token.start_mark.line + 1}: YAML anchors and aliases "
                    f"(&name, *name) are not allowed in {what}; write the values out"
                )
            if isinstance(token, opening):
                depth += 1
                if depth > MAX_DEPTH:
                    raise error(
                        f"{where}, line {token.start_mark.line + 1}: nested more than "
                        f"{MAX_DEPTH} levels deep"
                    )
            elif isinstance(token, closing):
                depth -= 1
    except yaml.YAMLError:
        return  # the parser reports it with its line
