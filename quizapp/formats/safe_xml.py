"""Reading a Moodle XML document safely: no DTD, no entities, no external references
(a few lines could expand to gigabytes or read local files), with the line each
question starts on for the error messages."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import defusedxml
from defusedxml.ElementTree import DefusedXMLParser

from .base import (
    N_,
    ParseResult,
    gc_paused,
)


class _LineTarget:
    """Builds the tree and notes the line of each <question>."""

    def __init__(self) -> None:
        self.builder = ET.TreeBuilder()
        self.lines: list[int] = []
        self.parser: DefusedXMLParser | None = None
        self.depth = 0

    def start(self, tag, attrs):
        self.depth += 1
        if tag == "question" and self.depth == 2 and self.parser is not None:
            self.lines.append(self.line())
        return self.builder.start(tag, attrs)

    def line(self) -> int | None:
        return self.parser.parser.CurrentLineNumber if self.parser is not None else None

    def end(self, tag):
        self.depth -= 1
        return self.builder.end(tag)

    def data(self, data):
        self.builder.data(data)

    def close(self):
        return self.builder.close()


def read_root(text: str, res: ParseResult) -> tuple[ET.Element, _LineTarget] | None:
    """The document's root and the line of each question, or None with the error said."""
    target = _LineTarget()
    parser = DefusedXMLParser(
        target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    target.parser = parser
    try:
        with gc_paused():
            parser.feed(text)
            root = parser.close()
    except defusedxml.DTDForbidden:
        res.error(
            target.line(),
            None,
            N_(
                "le fichier déclare une DTD (<!DOCTYPE>), qui peut cacher des entités ou "
                "des références externes : refusé par sécurité ; du Moodle XML simple est attendu"
            ),
        )
        return None
    except defusedxml.DefusedXmlException:
        res.error(
            target.line(),
            None,
            N_(
                "le fichier déclare des entités ou des références externes : refusé par "
                "sécurité ; du Moodle XML simple est attendu"
            ),
        )
        return None
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        res.error(
            line,
            (column + 1) if column is not None else None,
            N_("XML mal formé : %(m)s"),
            m=str(exc).split(":")[0],
        )
        return None
    if root.tag != "quiz":
        res.error(1, None, N_("l'élément racine <quiz> est attendu, pas <%(t)s>"), t=root.tag)
        return None
    return root, target
