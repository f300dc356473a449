"""An article's text: its sentences and headlines, and where a quote stands in it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

CONTEXT = 32  # characters of prefix/suffix kept with a quote (Web Annotation TextQuoteSelector)
NEAREST_FROM = 1000  # characters of a quote not in the text that its nearest passage is sought by


@dataclass(frozen=True)
class Segment:
    kind: str  # sentence | headline
    number: int  # 1-based within its kind
    start: int
    end: int


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    segment: Segment


def _is_headline(text: str) -> bool:
    """A related headline printed in the body: a line of its own with no lower-case letter."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and not any(c.islower() for c in letters)


def _segmenter():
    """pysbd's English segmenter with its character spans found by plain string search:
    pysbd compiles one regular expression per sentence to find them, half of its time."""
    import pysbd  # only builds need sentence splitting
    from pysbd.utils import TextSpan

    class Segmenter(pysbd.Segmenter):
        def sentences_with_char_spans(self, sentences: list[str]) -> list[TextSpan]:
            # the same spans as pysbd's: the first occurrence of the sentence (and the
            # whitespace after it) that ends past the previous one, searching left to right
            if not all(sentences):
                return super().sentences_with_char_spans(sentences)
            text, spans, prior = self.original_text, [], 0
            for sent in sentences:
                at = text.find(sent)
                while at >= 0:
                    end = at + len(sent)
                    while end < len(text) and text[end].isspace():
                        end += 1
                    if end > prior:
                        spans.append(TextSpan(text[at:end], at, end))
                        prior = end
                        break
                    at = text.find(sent, end)
            return spans

    return Segmenter(language="en", clean=False, char_span=True)


LONG = 5_000  # characters: pysbd's time grows faster than a line's length


def _pieces(line: str) -> list[tuple[int, str]]:
    """A line cut into pieces pysbd splits in bounded time: after a sentence end where there
    is one, else at a space (a paragraph of thousands of words with no full stop is no
    sentence anyway). Lines of ordinary paragraphs stay whole."""
    out, start = [], 0
    while len(line) - start > LONG:
        window = line[start:start + LONG]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        cut = cut + 2 if cut > LONG // 2 else window.rfind(" ") + 1 or LONG
        out.append((start, line[start:start + cut]))
        start += cut
    out.append((start, line[start:]))
    return out


def _well_formed(segments: list[Segment], length: int) -> bool:
    """Segments as a split gives them: in order, inside the text, numbered 1, 2... per kind
    (a damaged cache file is split again, not trusted)."""
    counts = {"sentence": 0, "headline": 0}
    last = 0
    for seg in segments:
        if seg.kind not in counts or not last <= seg.start < seg.end <= length or seg.number != counts[seg.kind] + 1:
            return False
        counts[seg.kind], last = seg.number, seg.end
    return bool(segments)


class Article:
    def __init__(self, article_id: str, text: str, segments: list[Segment] | None = None) -> None:
        self.id = article_id
        self.text = text
        if segments is not None and _well_formed(segments, len(text)):  # split by an earlier build (kg.chunks)
            self.__dict__["segments"] = segments

    @cached_property
    def segments(self) -> list[Segment]:
        splitter = _segmenter()
        out: list[Segment] = []
        counts = {"sentence": 0, "headline": 0}
        offset = 0
        for line in self.text.splitlines(keepends=True):
            if line.strip():
                if _is_headline(line):
                    spans = [(offset + len(line) - len(line.lstrip()), offset + len(line.rstrip()), "headline")]
                else:
                    spans = [(offset + at + s.start, offset + at + s.end, "sentence")
                             for at, piece in _pieces(line) for s in splitter.segment(piece)]
                for start, end, kind in spans:
                    counts[kind] += 1
                    out.append(Segment(kind, counts[kind], start, end))
            offset += len(line)
        return out

    def segment_at(self, offset: int) -> Segment:
        for seg in self.segments:
            if seg.start <= offset < seg.end:
                return seg
        return self.segments[-1]

    def occurrences(self, quote: str) -> list[int]:
        found, at = [], self.text.find(quote)
        while at >= 0:
            found.append(at)
            at = self.text.find(quote, at + 1)
        return found

    def locate(self, quote: str, sentence: int | None = None, offset: int | None = None) -> Span | None:
        """The quote's first occurrence (in the given sentence, or at the given offset)."""
        for start in self.occurrences(quote):
            seg = self.segment_at(start)
            if offset is not None and start != offset:
                continue
            if sentence is None or (seg.kind == "sentence" and seg.number == sentence):
                end = start + len(quote)
                return Span(start, end, quote, self.text[max(0, start - CONTEXT):start],
                            self.text[end:end + CONTEXT], seg)
        return None

    def nearest(self, quote: str) -> str:
        """The passage most like a quote that is not in the text, to show in the error: the
        best alignment of the quote in the text (rapidfuzz, bit-parallel: linear in the
        article's length), widened to whole words."""
        from rapidfuzz import fuzz

        if not quote.strip() or not self.text.strip():
            return ""
        # its start is enough to find the passage; the whole of a huge quote took minutes
        found = fuzz.partial_ratio_alignment(quote[:NEAREST_FROM], self.text)
        if found is None:
            return ""
        start, end = found.dest_start, found.dest_end
        while start > 0 and not self.text[start - 1].isspace():
            start -= 1
        while end < len(self.text) and not self.text[end].isspace():
            end += 1
        return " ".join(self.text[start:end].split())
