#!/usr/bin/env python3
"""Validate gold.jsonl (quotes and speakers of news pages) and print counts.

    python3 check.py [--gold gold.jsonl] [--pages /work/shared/eval/news-pages] [--quiet]

Errors (exit status 1):
  - a quote's `text`, or its `context`, is not an exact substring of the page's
    expected.txt; `context + text` does not occur exactly once; `text` occurs more than
    once and has no `context`;
  - a quote's `speaker` is neither null nor one of the page's `speakers[].name`;
  - `kind` not in {direct, partial, indirect}; speaker `type` not in the allowed set;
  - two quotes of a page overlap; a quote crosses a paragraph break;
  - `split` differs from the rule (sorted page names, alternating dev/test);
  - duplicate pages or speaker names, speakers never used, missing fields.
Warnings (printed, do not fail): shape checks that catch typical span slips, e.g. a
direct quote not bounded by quotation marks, a partial quote without any quotation mark,
an indirect quote that contains double quotation marks, a span with leading or trailing
whitespace, a quote not in text order.
"""
import argparse
import json
import os
import sys
from collections import Counter

KINDS = {'direct', 'partial', 'indirect'}
TYPES = {'person', 'organisation', 'publication', 'group', 'unknown'}
OPEN = set('"\'\u201c\u2018\u00ab\u201e')
CLOSE = set('"\'\u201d\u2019\u00bb')
DOUBLE = set('"\u201c\u201d\u00ab\u00bb\u201e')


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument('--gold', default=os.path.join(here, 'gold.jsonl'))
    ap.add_argument('--pages', default='/work/shared/eval/news-pages')
    ap.add_argument('--quiet', action='store_true', help='no per-page table')
    a = ap.parse_args()

    errors, warnings = [], []

    def err(page, msg):
        errors.append(f'{page}: {msg}')

    def warn(page, msg):
        warnings.append(f'{page}: {msg}')

    records = []
    with open(a.gold, encoding='utf-8') as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as e:
                    errors.append(f'line {n}: bad JSON: {e}')

    names = [r.get('page') for r in records]
    for name, c in Counter(names).items():
        if c > 1:
            err(name, f'page listed {c} times')
    order = sorted(n for n in names if n)
    expected_split = {n: ('dev' if i % 2 == 0 else 'test') for i, n in enumerate(order)}

    kinds_by_split = Counter()
    kinds = Counter()
    split_pages = Counter()
    speaker_types = Counter()
    null_speakers = 0
    blocks = 0
    rows = []
    for r in records:
        page = r.get('page')
        for key in ('page', 'split', 'url', 'title', 'speakers', 'quotes', 'notes'):
            if key not in r:
                err(page, f'missing field {key!r}')
        path = os.path.join(a.pages, page or '', 'expected.txt')
        if not os.path.exists(path):
            err(page, f'no {path}')
            continue
        text = open(path, encoding='utf-8').read()
        if r.get('split') != expected_split.get(page):
            err(page, f"split {r.get('split')!r}, rule says {expected_split.get(page)!r}")
        split_pages[r.get('split')] += 1

        spk_names = []
        for s in r.get('speakers', []):
            nm = s.get('name')
            if not nm:
                err(page, f'speaker without name: {s}')
                continue
            if nm in spk_names:
                err(page, f'duplicate speaker {nm!r}')
            spk_names.append(nm)
            if s.get('type') not in TYPES:
                err(page, f'speaker {nm!r}: type {s.get("type")!r}')
            if not isinstance(s.get('aliases', []), list):
                err(page, f'speaker {nm!r}: aliases not a list')
            speaker_types[s.get('type')] += 1
        used = set()

        spans = []
        page_kinds = Counter()
        for i, q in enumerate(r.get('quotes', [])):
            t = q.get('text') or ''
            k = q.get('kind')
            tag = f'quote {i} {t[:50]!r}'
            if k not in KINDS:
                err(page, f'{tag}: kind {k!r}')
            sp = q.get('speaker')
            if sp is None:
                null_speakers += 1
            elif sp not in spk_names:
                err(page, f'{tag}: speaker {sp!r} not in speakers')
            else:
                used.add(sp)
            for key in ('mention', 'cue'):
                if key not in q:
                    err(page, f'{tag}: missing {key!r}')
            if not t:
                err(page, f'{tag}: empty text')
                continue
            ctx = q.get('context')
            if ctx is not None:
                if ctx not in text:
                    err(page, f'{tag}: context not in page: {ctx!r}')
                    continue
                hits = find_all(text, ctx + t)
                if len(hits) != 1:
                    err(page, f'{tag}: context+text occurs {len(hits)} times')
                    continue
                start = hits[0] + len(ctx)
            else:
                hits = find_all(text, t)
                if not hits:
                    err(page, f'{tag}: text not in page')
                    continue
                if len(hits) > 1:
                    err(page, f'{tag}: text occurs {len(hits)} times and has no context')
                    continue
                start = hits[0]
            end = start + len(t)
            if '\n' in t:
                err(page, f'{tag}: crosses a paragraph break')
            spans.append((start, end, i))
            page_kinds[k] += 1
            kinds[k] += 1
            kinds_by_split[(r.get('split'), k)] += 1
            if q.get('block'):
                blocks += 1
            # shape warnings
            if t != t.strip():
                warn(page, f'{tag}: leading/trailing whitespace')
            before = text[start - 1] if start > 0 else '\n'
            after = text[end] if end < len(text) else '\n'
            if k == 'direct' and not q.get('block'):
                if before not in OPEN:
                    warn(page, f'{tag}: direct quote not preceded by an opening mark ({before!r})')
                if after not in CLOSE and after != '\n':
                    warn(page, f'{tag}: direct quote not followed by a closing mark ({after!r})')
            if k == 'partial' and not any(c in OPEN or c in CLOSE for c in t):
                warn(page, f'{tag}: partial quote without quotation marks')
            if k == 'indirect' and any(c in DOUBLE for c in t):
                warn(page, f'{tag}: indirect quote contains double quotation marks')
        unused = [n for n in spk_names if n not in used]
        if unused:
            err(page, f'speakers with no quote: {unused}')
        spans.sort()
        for (s1, e1, i1), (s2, e2, i2) in zip(spans, spans[1:]):
            if s2 < e1:
                err(page, f'quotes {i1} and {i2} overlap')
        if [i for _, _, i in spans] != sorted(i for _, _, i in spans):
            warn(page, 'quotes not in text order')
        rows.append((page, r.get('split'), len(r.get('quotes', [])), page_kinds,
                     len(spk_names)))

    if not a.quiet:
        print(f"{'page':28s} {'split':5s} {'quotes':>6s} {'direct':>6s} {'partial':>7s} "
              f"{'indir.':>6s} {'speakers':>8s}")
        for page, split, n, pk, ns in rows:
            print(f"{page:28s} {split:5s} {n:6d} {pk['direct']:6d} {pk['partial']:7d} "
                  f"{pk['indirect']:6d} {ns:8d}")
        print()
    total = sum(kinds.values())
    print(f"pages {len(rows)} (dev {split_pages['dev']}, test {split_pages['test']}); "
          f"quotes {total}: direct {kinds['direct']} (of which block {blocks}), "
          f"partial {kinds['partial']}, indirect {kinds['indirect']}; "
          f"null speaker {null_speakers}")
    for split in ('dev', 'test'):
        n = sum(v for (s, _), v in kinds_by_split.items() if s == split)
        print(f"  {split}: {n} quotes: direct {kinds_by_split[(split, 'direct')]}, "
              f"partial {kinds_by_split[(split, 'partial')]}, "
              f"indirect {kinds_by_split[(split, 'indirect')]}")
    print('speakers by type: ' + ', '.join(f'{t} {speaker_types[t]}' for t in sorted(TYPES)))
    for w in warnings:
        print('warning:', w)
    for e in errors:
        print('ERROR:', e)
    print(f'{len(errors)} errors, {len(warnings)} warnings')
    return 1 if errors else 0


def find_all(hay, needle):
    out, i = [], hay.find(needle)
    while i != -1:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out


if __name__ == '__main__':
    sys.exit(main())
